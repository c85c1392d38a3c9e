'use client'

import { useSyncExternalStore } from 'react'

function subscribe(onChange: () => void) {
  window.addEventListener('online', onChange)
  window.addEventListener('offline', onChange)
  return () => {
    window.removeEventListener('online', onChange)
    window.removeEventListener('offline', onChange)
  }
}

/** Whether the browser has a connection (true while rendering on the server). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => navigator.onLine,
    () => true,
  )
}

/**
 * Asks the server for the page's data again, but only once it answers: a refresh whose request
 * fails makes Next fall back to a full page load, which offline is the browser's error page in
 * place of the app. `navigator.onLine` alone is not enough; it is still true while the
 * connection drops, so a small request to the health check goes first.
 */
export async function refreshWhenReachable(router: { refresh(): void }): Promise<void> {
  if (!navigator.onLine) return
  try {
    const response = await fetch('/api/health', { cache: 'no-store' })
    // Read to the end, so the request is over (an unread body keeps it open).
    await response.text()
    if (!response.ok) return
  } catch {
    return
  }
  if (navigator.onLine) router.refresh()
}
