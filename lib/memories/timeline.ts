// Shared by the timeline page and its server actions (client-safe: no server imports).
import { clockTime, dayKey, nextMidnight } from '@/lib/dates'

/**
 * The list cursor: base64url of [created_at, id] of the last memory of a page. The server hands
 * it out, and the timeline builds it from the oldest memory it shows.
 */
export function listCursor(createdAt: string, id: string): string {
  return btoa(JSON.stringify([createdAt, id])).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Memories per timeline page (the first render and each "earlier" page). */
export const TIMELINE_PAGE = 30

/** "Today", "Yesterday" or the date, for a day separator. */
export function dayLabel(key: string, timeZone: string, now = new Date()): string {
  if (key === dayKey(now.toISOString(), timeZone)) return 'Today'
  if (key === dayKey(new Date(now.getTime() - 86_400_000).toISOString(), timeZone)) return 'Yesterday'
  const [y, m, d] = key.split('-').map(Number)
  const sameYear = dayKey(now.toISOString(), timeZone).startsWith(String(y))
  return new Date(Date.UTC(y, m - 1, d, 12)).toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: sameYear ? undefined : 'numeric' })
}

/**
 * The timeline's dates as the server formats them for the page it renders: formatting them in
 * the browser would make the page's first time-zone-aware Intl.DateTimeFormat while hydrating,
 * about 50 ms of a phone's main thread (Lighthouse, 4x CPU slowdown). Memories that arrive later
 * are formatted in the browser.
 */
export interface TimelineLabels {
  /** Until when `days` hold (ms since the epoch): the next midnight in the zone. */
  validUntil: number
  /** Day key → its separator ("Today", "Yesterday" or the date). */
  days: Record<string, string>
  /** created_at (ISO 8601) → its day key and clock time. */
  times: Record<string, [day: string, time: string]>
}

export function timelineLabels(items: { created_at: string }[], timeZone: string, now = new Date()): TimelineLabels {
  const labels: TimelineLabels = { validUntil: nextMidnight(now, timeZone), days: {}, times: {} }
  for (const { created_at: at } of items) {
    const day = dayKey(at, timeZone)
    labels.times[at] = [day, clockTime(at, timeZone)]
    labels.days[day] ??= dayLabel(day, timeZone, now)
  }
  return labels
}

/** A day's separator: the server's while it holds (until midnight), else formatted here. */
export function daySeparator(key: string, timeZone: string, labels?: TimelineLabels): string {
  return (labels && Date.now() < labels.validUntil ? labels.days[key] : undefined) ?? dayLabel(key, timeZone)
}
