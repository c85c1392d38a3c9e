// Open time expressions point ahead in a plan or a bare note and back in a past-tense sentence.
import { describe, expect, it } from 'vitest'
import { findTimeExpressions } from '@/lib/classify/time'

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
