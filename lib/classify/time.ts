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

// The tense of the sentence decides which way an open expression ("Friday", "March 3") points:
// a past-tense sentence looks back, any other sentence (a plan, a bare note like "meeting on
// Friday at 10am") looks ahead. Explicit ones ("next Friday", "yesterday", "2026-03-01") keep
// their meaning whatever the tense.
const PAST_TENSE =
  /\b(was|were|did|didn't|had|hadn't|went|met|saw|got|came|left|took|ate|spent|bought|told|said|gave|made|ran|wrote|lost|found|broke|fell|felt|sent|paid|heard|brought|began|yesterday|last|ago|earlier|\w{3,}ed)\b/i
const FUTURE_TENSE = /\b(will|won't|shall|going to|gonna|planned|scheduled|booked|due|expected|remind|need(?:ed)? to|next|upcoming|tomorrow|tonight)\b/i

function sentenceAround(text: string, index: number): string {
  const start = Math.max(text.lastIndexOf('.', index - 1), text.lastIndexOf('!', index - 1), text.lastIndexOf('?', index - 1), text.lastIndexOf('\n', index - 1)) + 1
  const ends = ['.', '!', '?', '\n'].map((c) => text.indexOf(c, index)).filter((i) => i >= 0)
  return text.slice(start, ends.length ? Math.min(...ends) : text.length)
}

function looksBack(sentence: string): boolean {
  return PAST_TENSE.test(sentence) && !FUTURE_TENSE.test(sentence)
}

/** A forward-resolved date moved back by the unit the expression left open (a week, a year). */
function backward(result: chrono.ParsedResult, now: Date): Date {
  const date = result.start.date()
  if (date.getTime() <= now.getTime()) return date
  const start = result.start
  if (start.isCertain('weekday') && !start.isCertain('day')) return new Date(date.getTime() - 7 * 24 * HOUR)
  if (start.isCertain('month') && !start.isCertain('year')) {
    const back = new Date(date)
    back.setUTCFullYear(back.getUTCFullYear() - 1)
    return back
  }
  return date
}

export function findTimeExpressions(text: string, now: Date, timeZone = 'UTC'): TimeExpression[] {
  const reference = { instant: now, timezone: timezoneOffsetMinutes(timeZone, now) }
  const input = text.slice(0, MAX_TEXT)
  const results = chrono.parse(input, reference, { forwardDate: true })
  return results
    .filter((r) => !/^\d{1,3}$/.test(r.text.trim())) // a bare number is not a time
    .map((r) => {
      const date = looksBack(sentenceAround(input, r.index)) ? backward(r, now) : r.start.date()
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
