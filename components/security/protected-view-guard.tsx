'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'
import { listenToMemoryEvents } from '@/lib/live/client'
import { closeAll, onTierClosed, recheckOpenTiers, reportLocked } from './open-tiers'

const LOCK_CHANNEL = 'mnemo-lock'

/**
 * On every signed-in page: protected content leaves the screen when its window ends or when the
 * user locks (the live stream's `locked` event, from any device; relayed to this browser's other
 * tabs, which may be hidden and so not streaming), and the page then asks the server again. A
 * page leaving for the back-forward cache hides its protected content first and loads afresh if
 * it is ever restored from there.
 */
export function ProtectedViewGuard() {
  const router = useRouter()
  // Offline, a refresh fails and Next falls back to a full page load (the browser's offline page):
  // what a closed tier showed has already left the screen, and coming back online resynchronises.
  useEffect(() => onTierClosed(() => navigator.onLine && router.refresh()), [router])
  useEffect(() => {
    const channel = new BroadcastChannel(LOCK_CHANNEL)
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'string') reportLocked(event.data)
    }
    const stop = listenToMemoryEvents({
      onEvent: () => {},
      // Events were missed (a hidden tab does not stream): the server says what is open now.
      onResync: () => navigator.onLine && router.refresh(),
      onLocked: (at) => {
        reportLocked(at)
        channel.postMessage(at)
      },
    })
    const visible = () => document.visibilityState === 'visible' && recheckOpenTiers()
    const hide = (event: PageTransitionEvent) => event.persisted && closeAll()
    const show = (event: PageTransitionEvent) => event.persisted && window.location.reload()
    document.addEventListener('visibilitychange', visible)
    window.addEventListener('pagehide', hide)
    window.addEventListener('pageshow', show)
    return () => {
      stop()
      channel.close()
      document.removeEventListener('visibilitychange', visible)
      window.removeEventListener('pagehide', hide)
      window.removeEventListener('pageshow', show)
    }
  }, [router])
  return null
}
