// Dates as people read them: in their own time zone (from their profile) and one fixed locale,
// so the server's HTML and the browser's render agree wherever either runs (client-safe).

const LOCALE = 'en-GB'

/** Date and time, e.g. "22 Nov 2026, 09:15". */
export function dateTime(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleString(LOCALE, { timeZone, dateStyle: 'medium', timeStyle: 'short' })
}

/** The date alone, e.g. "22 Nov 2026". */
export function dateOnly(iso: string, timeZone: string): string {
  return new Date(iso).toLocaleDateString(LOCALE, { timeZone, dateStyle: 'medium' })
}
