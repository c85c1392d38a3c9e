'use client'

import { useRouter } from 'next/navigation'
import { useEffect } from 'react'
import { listenToMemoryEvents } from '@/lib/live/client'
import { refreshWhenReachable } from '@/components/timeline/use-online'
import { closeAll, onTierClosed, recheckOpenTiers, reportLocked } from './open-tiers'
import { scrubInlinePageData } from './scrub-page-data'

const LOCK_CHANNEL = 'mnemo-lock'

/**
 * On every signed-in page: protected content leaves the screen when its window ends or when the
 * user locks (the live stream's `locked` event, from any device; relayed to this browser's other
 * tabs, which may be hidden and so not streaming), with the page's inline server data that held
 * it, and the page then asks the server again. A
 * page leaving for the back-forward cache hides its protected content first and loads afresh if
 * it is ever restored from there.
 */
export function ProtectedViewGuard() {
  const router = useRouter()
  // What a closed tier showed has already left the screen; the refresh only resynchronises, so it
  // waits for a server that answers (offline, coming back online resynchronises).
  // The page's inline server data still holds what the tier showed: it goes at once.
  useEffect(
    () =>
      onTierClosed(() => {
        scrubInlinePageData()
        void refreshWhenReachable(router)
      }),
    [router],
  )
  useEffect(() => {
    const channel = new BroadcastChannel(LOCK_CHANNEL)
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (typeof event.data === 'string') reportLocked(event.data)
    }
    const stop = listenToMemoryEvents({
      onEvent: () => {},
      // Events were missed (a hidden tab does not stream): the server says what is open now.
      onResync: () => void refreshWhenReachable(router),
      onLocked: (at) => {
        reportLocked(at)
        channel.postMessage(at)
      },
    })
    const visible = () => document.visibilityState === 'visible' && recheckOpenTiers()
    const hide = (event: PageTransitionEvent) => {
      if (!event.persisted) return
      closeAll()
      scrubInlinePageData()
    }
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
