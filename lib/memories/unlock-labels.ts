// The unlock bar's "open until" times, formatted by the server for the page it renders (client-safe).
// Formatting them in the browser would make the page's first time-zone-aware Intl.DateTimeFormat
// while hydrating: about 50 ms of a phone's main thread (Lighthouse, 4x CPU slowdown).
import { nextMidnight, timeOrDateTime } from '@/lib/dates'

export interface UnlockTimes {
  confidential: string | null
  secret: string | null
  ultrasecret: string | null
}

/** Each open tier's "until" as shown ("00:06", or with the date), and until when these hold (the next midnight). */
export interface UnlockLabels extends UnlockTimes {
  validUntil: number
}

export function unlockLabels(state: UnlockTimes, timeZone: string, now = new Date()): UnlockLabels {
  const label = (iso: string | null) => (iso ? timeOrDateTime(iso, timeZone, now) : null)
  return { confidential: label(state.confidential), secret: label(state.secret), ultrasecret: label(state.ultrasecret), validUntil: nextMidnight(now, timeZone) }
}

/** When a tier's window ends, as the bar shows it: the server's label while it holds, else formatted here. */
export function shownUntil(iso: string, timeZone: string, label: string | null | undefined, validUntil = 0): string {
  return label && Date.now() < validUntil ? label : timeOrDateTime(iso, timeZone)
}
