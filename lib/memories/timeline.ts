// Shared by the timeline page and its server actions (client-safe: no server imports).
import { dayKey } from '@/lib/dates'

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
