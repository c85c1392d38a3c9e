// "Run at this instant": the next UTC instant at which a person's wall clock, in their time
// zone, shows a given time (their local 21:00, say), right across daylight-saving changes.
// A time that does not exist that day (inside the spring-forward gap) runs as many minutes
// after the gap as it was into it, as a wall clock moved forward shows; a time that happens twice
// (the autumn fall-back) runs the first time.

const MINUTE = 60_000
const HALF_DAY = 12 * 60 * MINUTE

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone)
  if (!format) {
    // Throws a RangeError for an unknown zone, which is what a caller should hear.
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
    formatters.set(timeZone, format)
  }
  return format
}

function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]))
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: Number(parts.hour), minute: Number(parts.minute) }
}

function asUtc(wall: WallClock): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
}

/** How far the zone's wall clock is ahead of UTC at an instant (whole minutes). */
function offsetAt(instant: number, timeZone: string): number {
  return asUtc(wallClockAt(instant, timeZone)) - Math.floor(instant / MINUTE) * MINUTE
}

/** The instant a wall-clock time names in a zone (see the file's head for gaps and repeats). */
export function instantOfWallClock(wall: WallClock, timeZone: string): Date {
  const local = asUtc(wall)
  // The offsets in force half a day either side: at most one change falls between them.
  const before = local - offsetAt(local - HALF_DAY, timeZone)
  const after = local - offsetAt(local + HALF_DAY, timeZone)
  const real = [before, after].filter((t) => asUtc(wallClockAt(t, timeZone)) === local).sort((a, b) => a - b)
  return new Date(real[0] ?? before)
}

/**
 * The first instant strictly after `after` at which the wall clock in `timeZone` reads
 * `hour:minute` (or, on a spring-forward day when that time is skipped, the instant it maps to).
 */
export function nextLocalTime(after: Date, timeZone: string, hour: number, minute = 0): Date {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23 || !Number.isInteger(minute) || minute < 0 || minute > 59) {
    throw new RangeError('nextLocalTime needs an hour 0–23 and a minute 0–59')
  }
  const today = wallClockAt(after.getTime(), timeZone)
  for (let days = 0; days < 3; days++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + days))
    const candidate = instantOfWallClock({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute }, timeZone)
    if (candidate.getTime() > after.getTime()) return candidate
  }
  throw new Error('no such local time within three days')
}
