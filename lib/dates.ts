// Dates as people read them: in their own time zone (from their profile) and one fixed locale,
// so the server's HTML and the browser's render agree wherever either runs (client-safe).
// Formatters are kept per zone and style: the timeline formats every bubble on each render.

const LOCALE = 'en-GB'
const formatters = new Map<string, Intl.DateTimeFormat>()

/** A formatter kept per locale, zone and style: making one costs far more than using it. Throws for an unknown zone. */
function formatterFor(timeZone: string, style: string, options: Intl.DateTimeFormatOptions, locale = LOCALE): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`
  let formatter = formatters.get(key)
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, { timeZone, ...options })))
  return formatter
}

function format(iso: string, timeZone: string, style: string, options: Intl.DateTimeFormatOptions, locale = LOCALE): string {
  return formatterFor(timeZone, style, options, locale).format(new Date(iso))
}

const WALL_CLOCK: Intl.DateTimeFormatOptions = { hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }

/** How far `timeZone` is ahead of UTC at the instant `utc` (ms, to the second). Throws for an unknown zone. */
export function zoneOffset(utc: number, timeZone: string): number {
  const parts = formatterFor(timeZone, 'wall-clock', WALL_CLOCK, 'en-US').formatToParts(new Date(utc))
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0)
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - Math.floor(utc / 1000) * 1000
}

/** A calendar day and clock time as read on a wall clock (month 1-12). */
export interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** The wall clock of `timeZone` at an instant. Throws for an unknown zone. */
export function wallClockAt(at: Date, timeZone: string): WallClock {
  const local = new Date(Math.floor(at.getTime() / 1000) * 1000 + zoneOffset(at.getTime(), timeZone))
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  }
}

/**
 * The instant a wall clock in `timeZone` shows; the zone's own offset on that day, not today's
 * (a date across a daylight-saving change). Throws for an unknown zone.
 */
export function instantAt(wall: WallClock, timeZone: string): Date {
  const asUtc = new Date(0)
  asUtc.setUTCFullYear(wall.year, wall.month - 1, wall.day)
  asUtc.setUTCHours(wall.hour, wall.minute, wall.second, 0)
  const guess = asUtc.getTime() - zoneOffset(asUtc.getTime(), timeZone)
  return new Date(asUtc.getTime() - zoneOffset(guess, timeZone))
}

/** Date and time, e.g. "22 Nov 2026, 09:15" (long: "22 November 2026 at 09:15"). */
export function dateTime(iso: string, timeZone: string, style: 'medium' | 'long' = 'medium'): string {
  return format(iso, timeZone, `dateTime-${style}`, { dateStyle: style, timeStyle: 'short' })
}

/** The date alone, e.g. "22 Nov 2026". */
export function dateOnly(iso: string, timeZone: string): string {
  return format(iso, timeZone, 'date', { dateStyle: 'medium' })
}

/** Hour and minute, e.g. "09:15". */
export function clockTime(iso: string, timeZone: string): string {
  return format(iso, timeZone, 'clock', { hour: '2-digit', minute: '2-digit' })
}

/** Hour and minute when `iso` falls on the same day as `now` in the zone ("00:06"), else date and time. */
export function timeOrDateTime(iso: string, timeZone: string, now = new Date()): string {
  return dayKey(iso, timeZone) === dayKey(now.toISOString(), timeZone) ? clockTime(iso, timeZone) : dateTime(iso, timeZone)
}

/** The instant of the next midnight in `timeZone` after `now` (ms since the epoch): when "today" changes. */
export function nextMidnight(now: Date, timeZone: string): number {
  const today = wallClockAt(now, timeZone)
  return instantAt({ year: today.year, month: today.month, day: today.day + 1, hour: 0, minute: 0, second: 0 }, timeZone).getTime()
}

/**
 * Orders ISO 8601 instants written in one format (as the server and the outbox write them) by
 * their code units: the same order as by time, without the Intl.Collator that localeCompare
 * builds on first use (about 28 ms of a phone's main thread while a page hydrates).
 */
export function compareIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Calendar-day key, e.g. 2026-11-22 (the timeline's day groups). */
export function dayKey(iso: string, timeZone: string): string {
  return format(iso, timeZone, 'day-key', { year: 'numeric', month: '2-digit', day: '2-digit' }, 'en-CA')
}
