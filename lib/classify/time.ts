// Time expressions ("yesterday", "on Friday at 10", "next week") found with chrono-node,
// relative to the capture time in the user's time zone.
import * as chrono from 'chrono-node'
import { zoneOffset } from '@/lib/dates'

export interface TimeExpression {
  text: string
  start: number
  end: number
  /** ISO 8601 instant the expression points at. */
  date: string
  direction: 'past' | 'future' | 'present'
}

/** Minutes east of UTC of a time zone at an instant (chrono's reference offset). */
export function timezoneOffsetMinutes(timeZone: string, at: Date): number {
  try {
    return Math.round(zoneOffset(at.getTime(), timeZone) / 60_000)
  } catch {
    return 0
  }
}

const HOUR = 3_600_000
const MAX_TEXT = 2_000

export function findTimeExpressions(text: string, now: Date, timeZone = 'UTC'): TimeExpression[] {
  const reference = { instant: now, timezone: timezoneOffsetMinutes(timeZone, now) }
  const results = chrono.parse(text.slice(0, MAX_TEXT), reference)
  return results
    .filter((r) => !/^\d{1,3}$/.test(r.text.trim())) // a bare number is not a time
    .map((r) => {
      const date = r.start.date()
      const delta = date.getTime() - now.getTime()
      const direction = delta < -HOUR ? 'past' : delta > HOUR ? 'future' : 'present'
      return { text: r.text, start: r.index, end: r.index + r.text.length, date: date.toISOString(), direction }
    })
}

/** The overall pull of a message's time expressions, for the model's features. */
export function timeDirection(expressions: TimeExpression[]): TimeExpression['direction'] | null {
  if (expressions.length === 0) return null
  if (expressions.some((e) => e.direction === 'past')) return 'past'
  if (expressions.some((e) => e.direction === 'future')) return 'future'
  return 'present'
}
