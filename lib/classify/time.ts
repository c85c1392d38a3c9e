// Time expressions ("yesterday", "on Friday at 10", "next week") found with chrono-node,
// relative to the capture time in the user's time zone.
import * as chrono from 'chrono-node'
import { instantAt, wallClockAt, zoneOffset, type WallClock } from '@/lib/dates'

export interface TimeExpression {
  text: string
  start: number
  end: number
  /** ISO 8601 instant the expression points at. */
  date: string
  direction: 'past' | 'future' | 'present'
  /** A period longer than a day ("this year", "last month", "in March", "this week"): no one day to say it happened on. */
  coarse: boolean
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

/** A zone the runtime knows, else UTC (as `timezoneOffsetMinutes` reads an unknown one). */
function knownZone(timeZone: string): string {
  try {
    zoneOffset(0, timeZone)
    return timeZone
  } catch {
    return 'UTC'
  }
}

/** Days from `b` to `a` on the calendar (wall clocks of one zone). */
function daysBetween(a: WallClock, b: WallClock): number {
  const day = (w: WallClock) => {
    const d = new Date(0)
    d.setUTCFullYear(w.year, w.month - 1, w.day)
    return d.getTime() / (24 * HOUR)
  }
  return day(a) - day(b)
}

function shifted(wall: WallClock, { days = 0, years = 0 }: { days?: number; years?: number }): WallClock {
  const d = new Date(0)
  d.setUTCFullYear(wall.year + years, wall.month - 1, wall.day + days)
  return { ...wall, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/**
 * The wall clock, in the user's zone, an expression names. chrono reads its parts on the
 * reference's wall clock; only a text naming its own zone ("10am PST", "…Z") is an instant.
 */
function wallClockOf(start: chrono.ParsedComponents, timeZone: string): WallClock {
  if (start.isCertain('timezoneOffset')) return wallClockAt(start.date(), timeZone)
  const part = (name: chrono.Component, otherwise: number) => start.get(name) ?? otherwise
  return { year: part('year', 1970), month: part('month', 1), day: part('day', 1), hour: part('hour', 12), minute: part('minute', 0), second: part('second', 0) }
}

/** A forward-resolved expression moved back by the unit it left open: a week, a year, or a day for a time of day. */
function backward(start: chrono.ParsedComponents, wall: WallClock): WallClock {
  if (start.isCertain('weekday') && !start.isCertain('day')) return shifted(wall, { days: -7 })
  if (start.isCertain('month') && !start.isCertain('year')) return shifted(wall, { years: -1 })
  if (!start.isCertain('day') && !start.isCertain('weekday') && !start.isCertain('month')) return shifted(wall, { days: -1 })
  return wall
}

/**
 * Where an expression points, and which way. One without a clock time ("yesterday", "on
 * 6 December", "Sunday", "this morning") names a day of the user's calendar: it is compared with
 * the capture's local day, never with chrono's stand-in hour (noon, or the capture's own clock),
 * so "on 6 December" written on the morning of 6 December is that day, not a year back.
 */
function resolve(result: chrono.ParsedResult, sentence: string, now: Date, timeZone: string): Pick<TimeExpression, 'date' | 'direction'> {
  const start = result.start
  const today = wallClockAt(now, timeZone)
  const dayOnly = !start.isCertain('hour')
  const back = looksBack(sentence)
  let wall = wallClockOf(start, timeZone)
  const ahead = dayOnly ? daysBetween(wall, today) > 0 : instantAt(wall, timeZone).getTime() > now.getTime()
  if (back && ahead) wall = backward(start, wall)
  const date = instantAt(wall, timeZone)
  const days = daysBetween(wall, today)
  const delta = date.getTime() - now.getTime()
  let direction: TimeExpression['direction']
  if (dayOnly && days !== 0) direction = days < 0 ? 'past' : 'future'
  else if (delta < -HOUR) direction = 'past'
  // Today without a clock time in a past-tense sentence happened today, whatever hour chrono assumed.
  else direction = delta > HOUR && !(dayOnly && back) ? 'future' : 'present'
  return { date: date.toISOString(), direction }
}

/** Whether an expression names a period rather than a day: no day, weekday or clock time is certain, and a month, a year or a week is. */
function coarse(result: chrono.ParsedResult): boolean {
  const start = result.start
  if (start.isCertain('day') || start.isCertain('weekday') || start.isCertain('hour')) return false
  return start.isCertain('month') || start.isCertain('year') || /\b(week|month|year)s?\b/i.test(result.text)
}

export function findTimeExpressions(text: string, now: Date, timeZone = 'UTC'): TimeExpression[] {
  const zone = knownZone(timeZone)
  const reference = { instant: now, timezone: timezoneOffsetMinutes(zone, now) }
  const input = text.slice(0, MAX_TEXT)
  const results = chrono.parse(input, reference, { forwardDate: true })
  return results
    .filter((r) => !/^\d{1,3}$/.test(r.text.trim())) // a bare number is not a time
    .map((r) => ({ text: r.text, start: r.index, end: r.index + r.text.length, ...resolve(r, sentenceAround(input, r.index), now, zone), coarse: coarse(r) }))
}

/** The overall pull of a message's time expressions, for the model's features. */
export function timeDirection(expressions: TimeExpression[]): TimeExpression['direction'] | null {
  if (expressions.length === 0) return null
  if (expressions.some((e) => e.direction === 'past')) return 'past'
  if (expressions.some((e) => e.direction === 'future')) return 'future'
  return 'present'
}
