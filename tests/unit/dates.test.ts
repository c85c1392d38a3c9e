import { describe, expect, it } from 'vitest'
import { clockTime, dateOnly, dateTime, dayKey } from '@/lib/dates'

describe('dates in the person’s time zone', () => {
  const instant = '2026-11-22T23:30:00Z'

  it('writes the same instant in each person’s own zone', () => {
    expect(dateTime(instant, 'UTC')).toBe('22 Nov 2026, 23:30')
    expect(dateTime(instant, 'Pacific/Auckland')).toBe('23 Nov 2026, 12:30')
    expect(dateTime(instant, 'America/Los_Angeles')).toBe('22 Nov 2026, 15:30')
  })

  it('puts the date on the person’s side of midnight', () => {
    expect(dateOnly(instant, 'UTC')).toBe('22 Nov 2026')
    expect(dateOnly(instant, 'Asia/Kolkata')).toBe('23 Nov 2026')
  })

  it('gives the clock time and the day key of the person’s zone, and the long form', () => {
    expect(clockTime(instant, 'Pacific/Auckland')).toBe('12:30')
    expect(dayKey(instant, 'Pacific/Auckland')).toBe('2026-11-23')
    expect(dayKey(instant, 'UTC')).toBe('2026-11-22')
    expect(dateTime(instant, 'UTC', 'long')).toBe('22 November 2026 at 23:30')
  })
})
