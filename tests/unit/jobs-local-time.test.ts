import { describe, expect, it } from 'vitest'
import { nextLocalTime } from '@/lib/jobs/local-time'

const at = (iso: string) => new Date(iso)

describe('nextLocalTime: a user\'s local 21:00 as a UTC instant', () => {
  it('is later the same day when the time has not come yet, the next day otherwise', () => {
    expect(nextLocalTime(at('2026-07-10T12:00:00Z'), 'Europe/Paris', 21).toISOString()).toBe('2026-07-10T19:00:00.000Z')
    expect(nextLocalTime(at('2026-07-10T19:00:00Z'), 'Europe/Paris', 21).toISOString()).toBe('2026-07-11T19:00:00.000Z')
    expect(nextLocalTime(at('2026-01-10T12:00:00Z'), 'Europe/Paris', 21).toISOString()).toBe('2026-01-10T20:00:00.000Z')
  })

  it('follows the clock change in spring and in autumn (Europe/Paris)', () => {
    // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST.
    expect(nextLocalTime(at('2026-03-28T21:00:00Z'), 'Europe/Paris', 21).toISOString()).toBe('2026-03-29T19:00:00.000Z')
    // 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET.
    expect(nextLocalTime(at('2026-10-24T20:00:00Z'), 'Europe/Paris', 21).toISOString()).toBe('2026-10-25T20:00:00.000Z')
  })

  it('follows the clock change in the United States and south of the equator', () => {
    // 8 March 2026 (New York): EST → EDT; 1 November 2026: back to EST.
    expect(nextLocalTime(at('2026-03-08T12:00:00Z'), 'America/New_York', 21).toISOString()).toBe('2026-03-09T01:00:00.000Z')
    expect(nextLocalTime(at('2026-11-01T12:00:00Z'), 'America/New_York', 21).toISOString()).toBe('2026-11-02T02:00:00.000Z')
    // 5 April 2026 (Sydney): AEDT (+11) → AEST (+10).
    expect(nextLocalTime(at('2026-04-04T12:00:00Z'), 'Australia/Sydney', 21).toISOString()).toBe('2026-04-05T11:00:00.000Z')
  })

  it('runs a skipped time just after the gap and a repeated one the first time', () => {
    // 02:30 does not exist in Paris on 29 March 2026: it runs at 03:30 CEST (01:30Z).
    expect(nextLocalTime(at('2026-03-29T00:00:00Z'), 'Europe/Paris', 2, 30).toISOString()).toBe('2026-03-29T01:30:00.000Z')
    // 02:30 happens twice in Paris on 25 October 2026: first at 02:30 CEST (00:30Z).
    expect(nextLocalTime(at('2026-10-24T23:00:00Z'), 'Europe/Paris', 2, 30).toISOString()).toBe('2026-10-25T00:30:00.000Z')
  })

  it('handles zones with half-hour offsets and no daylight saving', () => {
    expect(nextLocalTime(at('2026-06-01T00:00:00Z'), 'Asia/Kolkata', 21).toISOString()).toBe('2026-06-01T15:30:00.000Z')
    expect(nextLocalTime(at('2026-06-01T00:00:00Z'), 'UTC', 21).toISOString()).toBe('2026-06-01T21:00:00.000Z')
  })

  it('refuses an unknown zone and an impossible time', () => {
    expect(() => nextLocalTime(new Date(), 'Mars/Olympus', 21)).toThrow(RangeError)
    expect(() => nextLocalTime(new Date(), 'UTC', 24)).toThrow(RangeError)
  })
})
