import { describe, expect, it } from 'vitest'
import { clockTime, dayKey, nextMidnight, timeOrDateTime } from '@/lib/dates'
import { dayLabel, daySeparator, timelineLabels } from '@/lib/memories/timeline'
import { shownUntil, unlockLabels } from '@/lib/memories/unlock-labels'

describe('dates the server formats for the first render', () => {
  it('knows the next midnight in the person’s zone, across a daylight-saving change', () => {
    expect(new Date(nextMidnight(new Date('2026-11-22T21:30:00Z'), 'Europe/Berlin')).toISOString()).toBe('2026-11-22T23:00:00.000Z')
    expect(new Date(nextMidnight(new Date('2026-11-22T21:30:00Z'), 'Asia/Kolkata')).toISOString()).toBe('2026-11-23T18:30:00.000Z')
    // Berlin moves to summer time on 29 March 2026: that day has 23 hours.
    expect(new Date(nextMidnight(new Date('2026-03-29T08:00:00Z'), 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z')
  })

  it('gives the clock time today and the date with the time on another day', () => {
    const now = new Date('2026-11-22T10:00:00Z')
    expect(timeOrDateTime('2026-11-22T22:06:00Z', 'UTC', now)).toBe('22:06')
    expect(timeOrDateTime('2026-11-23T00:06:00Z', 'UTC', now)).toBe('23 Nov 2026, 00:06')
  })

  it('labels the timeline as the browser would, and holds the day names until midnight only', () => {
    const now = new Date('2026-11-22T10:00:00Z')
    const items = [{ created_at: '2026-11-21T23:30:00Z' }, { created_at: '2026-11-22T08:15:00Z' }, { created_at: '2026-11-15T12:00:00Z' }]
    const labels = timelineLabels(items, 'Europe/Berlin', now)
    for (const { created_at: at } of items) expect(labels.times[at]).toEqual([dayKey(at, 'Europe/Berlin'), clockTime(at, 'Europe/Berlin')])
    expect(labels.days['2026-11-22']).toBe('Today')
    expect(labels.days['2026-11-15']).toBe(dayLabel('2026-11-15', 'Europe/Berlin', now))
    expect(labels.validUntil).toBe(Date.parse('2026-11-22T23:00:00Z'))
    // Past that midnight the browser names the day itself.
    expect(daySeparator('2026-11-22', 'Europe/Berlin', { ...labels, validUntil: 0 })).toBe(dayLabel('2026-11-22', 'Europe/Berlin'))
  })

  it('formats the unlock times and falls back to the browser once they no longer hold', () => {
    const now = new Date('2026-11-22T10:00:00Z')
    const labels = unlockLabels({ confidential: '2026-11-22T22:00:00Z', secret: null, ultrasecret: null }, 'UTC', now)
    expect(labels).toMatchObject({ confidential: '22:00', secret: null, ultrasecret: null })
    expect(shownUntil('2026-11-22T22:00:00Z', 'UTC', labels.confidential, Date.now() + 60_000)).toBe('22:00')
    expect(shownUntil('2026-11-22T22:00:00Z', 'UTC', labels.confidential, 0)).toBe(timeOrDateTime('2026-11-22T22:00:00Z', 'UTC'))
  })
})
