// Open time expressions point ahead in a plan or a bare note and back in a past-tense sentence.
import { afterEach, describe, expect, it } from 'vitest'
import { classify } from '@/lib/classify'
import { findTimeExpressions } from '@/lib/classify/time'
import { dateTime, dayKey, instantAt } from '@/lib/dates'

const sunday = new Date('2026-03-15T12:00:00Z')
const wednesday = new Date('2026-03-11T12:00:00Z')

function first(text: string, now: Date, zone = 'UTC') {
  const [found] = findTimeExpressions(text, now, zone)
  return found
}

describe('time expressions and tense', () => {
  it('a meeting on Friday noted on a Sunday is the coming Friday', () => {
    const found = first('meeting on Friday at 10am', sunday)
    expect(found.date).toBe('2026-03-20T10:00:00.000Z')
    expect(found.direction).toBe('future')
    expect(first('dentist Friday 3pm', sunday).date).toBe('2026-03-20T15:00:00.000Z')
    expect(first('I will call Ana on Friday', sunday).date.slice(0, 10)).toBe('2026-03-20')
  })

  it('a past-tense sentence looks back, also when the weekday is nearer ahead', () => {
    const met = first('I met Ana on Friday at 10am', wednesday)
    expect(met.date).toBe('2026-03-06T10:00:00.000Z')
    expect(met.direction).toBe('past')
    expect(first('we had a meeting on Friday', sunday).date.slice(0, 10)).toBe('2026-03-13')
    expect(first('the boiler broke down on March 20', wednesday).date.slice(0, 10)).toBe('2025-03-20')
  })

  it('each sentence has its own tense', () => {
    const found = findTimeExpressions('We talked on Thursday. Lunch with her on Thursday', sunday)
    expect(found.map((f) => f.date.slice(0, 10))).toEqual(['2026-03-12', '2026-03-19'])
  })

  it('explicit expressions keep their meaning whatever the tense', () => {
    expect(first('I said I would call tomorrow', sunday).date.slice(0, 10)).toBe('2026-03-16')
    expect(first('next Friday I will travel', wednesday).date.slice(0, 10)).toBe('2026-03-20')
    expect(first('yesterday I ran 5k', sunday).date.slice(0, 10)).toBe('2026-03-14')
    expect(first('remember the 2024-05-01 trip', sunday).date.slice(0, 10)).toBe('2024-05-01')
  })

  it("resolve in the user's time zone", () => {
    // Sunday 23:30 in Tokyo is Sunday 14:30 UTC; the coming Friday 10:00 JST is 01:00 UTC.
    expect(first('meeting on Friday at 10am', new Date('2026-03-15T14:30:00Z'), 'Asia/Tokyo').date).toBe('2026-03-20T01:00:00.000Z')
  })
})

describe('the day a memory happened, in the writer’s time zone', () => {
  // 6 December 2026 is a Sunday. Local clock times on that day, chosen around local midnight,
  // chrono's stand-in noon, and UTC midnight (16:00 in Los Angeles, 13:00 in Auckland).
  const zones = ['America/Los_Angeles', 'Pacific/Auckland', 'UTC']
  const clocks = ['00:05', '00:30', '02:00', '09:15', '11:30', '12:30', '13:05', '15:55', '16:05', '23:30', '23:55']
  const cases: [text: string, day: string][] = [
    ['today I went to the market', '2026-12-06'],
    ['Had coffee with Dan today', '2026-12-06'],
    ['I walked along the canal this morning', '2026-12-06'],
    ['yesterday I ran 5k', '2026-12-05'],
    ['I met Ana on 6 December', '2026-12-06'],
    ['I met Ana on Sunday', '2026-12-06'],
    ['I met Ana on Saturday', '2026-12-05'],
    ['the boiler broke down on 5 December', '2026-12-05'],
  ]
  const serverZone = process.env.TZ

  afterEach(() => {
    if (serverZone === undefined) delete process.env.TZ
    else process.env.TZ = serverZone
  })

  for (const server of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
    it(`resolves to the intended local day, whatever the hour (server clock in ${server})`, async () => {
      process.env.TZ = server
      const wrong: string[] = []
      for (const zone of zones) {
        for (const clock of clocks) {
          const [hour, minute] = clock.split(':').map(Number)
          const now = instantAt({ year: 2026, month: 12, day: 6, hour, minute, second: 0 }, zone)
          for (const [text, day] of cases) {
            const { occurred_at } = await classify(text, { now, timeZone: zone, allowRemote: false })
            // As a capture stores it: the event's instant, else the writing's.
            const shown = dayKey(occurred_at ?? now.toISOString(), zone)
            if (shown !== day) wrong.push(`${zone} ${clock} "${text}": ${shown}`)
          }
        }
      }
      expect(wrong).toEqual([])
    })
  }

  it('a past-tense time of day already gone is today, not tomorrow', () => {
    const now = instantAt({ year: 2026, month: 12, day: 6, hour: 15, minute: 0, second: 0 }, 'America/Los_Angeles')
    const found = first('I walked along the canal this morning', now, 'America/Los_Angeles')
    expect(found.direction).toBe('past')
    expect(dateTime(found.date, 'America/Los_Angeles', 'long')).toBe('6 December 2026 at 06:00')
    expect(dateTime(first('at 9 I had breakfast with Ana', now, 'America/Los_Angeles').date, 'America/Los_Angeles', 'long')).toBe('6 December 2026 at 09:00')
  })

  it('a date in another season keeps its own offset', () => {
    // Written in December (UTC-8) about a July evening (UTC-7).
    const now = instantAt({ year: 2026, month: 12, day: 6, hour: 10, minute: 0, second: 0 }, 'America/Los_Angeles')
    expect(first('we had dinner on 4 July at 8pm', now, 'America/Los_Angeles').date).toBe('2026-07-05T03:00:00.000Z')
  })

  it('a period names no day: "this year", "last month", "in March" set no day it happened', async () => {
    const now = instantAt({ year: 2026, month: 12, day: 6, hour: 10, minute: 0, second: 0 }, 'Europe/Berlin')
    const ctx = { now, timeZone: 'Europe/Berlin' }
    for (const text of ['I started running this year', 'I paid the plumber last month', 'we moved flats in March', 'it rained a lot earlier this week']) {
      const c = await classify(text, ctx)
      expect(c.entities.times.length, text).toBeGreaterThan(0)
      expect(c.entities.times.every((t) => t.coarse), text).toBe(true)
      expect(c.occurred_at, text).toBeNull()
    }
    for (const text of ['Yesterday I went hiking with my sister', 'I walked along the canal this morning', 'we met on Friday', 'I finished the book last week']) {
      const c = await classify(text, ctx)
      expect(c.occurred_at, text).not.toBeNull()
    }
  })
})
