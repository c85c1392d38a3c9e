// Calls a server action from the browser without ever throwing at the page: offline, or when the
// request never reaches the server, the person reads why inline instead of an error screen.
import type { ActionResult } from '@/lib/http/action-result'

export const offlineMessage = 'You’re offline — try again when you’re back.'

export async function runAction<T>(work: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  if (typeof navigator !== 'undefined' && !navigator.onLine) return { status: 'error', code: 'offline:client', message: offlineMessage }
  try {
    return await work()
  } catch {
    // "Failed to fetch": the connection dropped on the way.
    const message = typeof navigator !== 'undefined' && !navigator.onLine ? offlineMessage : 'Could not reach mnemo. Check your connection and try again.'
    return { status: 'error', code: 'offline:client', message }
  }
}
