'use client'

import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useRef, useState } from 'react'
import { countQueued, discard, getCurrentUser, listQueued, OUTBOX_CHANNEL, replay, sessionUser, setCurrentUser, type QueuedCapture } from '@/lib/offline/outbox'
import { Composer } from './composer'
import { PendingBubble } from './pending-bubble'

/**
 * The offline page's outbox: what waits on this device for the person signed in here, a box to
 * write more, and — when the connection returns — sending it all and going back to the timeline.
 * Nobody else sees it: signed out (or once the server says the session is gone or someone else's)
 * the page shows at most how many captures wait, never their text.
 */
export function OfflineOutbox() {
  const router = useRouter()
  const [userId, setUserId] = useState<string | null | undefined>(undefined)
  const [queued, setQueued] = useState<QueuedCapture[]>([])
  const [others, setOthers] = useState(0)
  const [inFlight, setInFlight] = useState<QueuedCapture[]>([])
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone

  const reads = useRef(0)
  const refresh = useCallback(async () => {
    const read = ++reads.current
    // Online, the server says whose session this is; offline, the device's record of it stands.
    const session = navigator.onLine ? await sessionUser() : undefined
    if (session !== undefined && session !== (await getCurrentUser())) await setCurrentUser(session)
    const who = await getCurrentUser()
    const list = who ? await listQueued(who) : []
    const waiting = await countQueued()
    if (read !== reads.current) return
    setUserId(who)
    setQueued(list)
    setOthers(waiting - list.length)
  }, [])

  useEffect(() => {
    let busy = false
    // Back online (the event, a change announced by the service worker's Background Sync, or a
    // periodic check — the event alone is not always delivered): send what waits, then return.
    const online = async () => {
      if (busy || !navigator.onLine) return
      busy = true
      try {
        const who = await getCurrentUser()
        if (!who) return
        // Sends only the session's own captures, and only when the session is still this user's.
        const result = await replay(who)
        const reachable = !result.interrupted && (await fetch('/api/health', { cache: 'no-store' }).then((r) => r.status < 500, () => false))
        if (!reachable) return void (await refresh())
        // The service worker may have answered another address with this page: load that one again.
        if (window.location.pathname === '/~offline') router.replace('/home')
        else window.location.reload()
      } finally {
        busy = false
      }
    }
    const channel = new BroadcastChannel(OUTBOX_CHANNEL)
    channel.onmessage = () => void refresh().then(online)
    window.addEventListener('online', online)
    const timer = window.setInterval(online, 4_000)
    void getCurrentUser()
      .then(refresh)
      .then(online)
    return () => {
      channel.close()
      window.removeEventListener('online', online)
      window.clearInterval(timer)
    }
  }, [refresh, router])

  if (userId === undefined) return null
  const elsewhere = others > 0 && (
    <p data-testid="others-waiting">
      {others} {others === 1 ? 'capture waits' : 'captures wait'} on this device for an account that is not signed in here; {others === 1 ? 'it is' : 'they are'} sent when that account signs in again.
    </p>
  )
  if (userId === null)
    return (
      <>
        <p>Sign in again when you are back online to write new memories.</p>
        {elsewhere}
      </>
    )
  const pending = [...queued, ...inFlight.filter((p) => !queued.some((q) => q.client_id === p.client_id))]
  return (
    <div className="flex flex-col gap-3">
      <h2 className="text-lg font-semibold">Waiting to be sent</h2>
      {pending.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">Nothing waiting. What you write here is kept on this device until you are online.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {pending.map((item) => (
            <PendingBubble key={item.client_id} item={item} timeZone={timeZone} onDiscard={() => discard(item.client_id).then(refresh)} />
          ))}
        </ul>
      )}
      {elsewhere}
      <Composer userId={userId} onPending={setInFlight} onQueued={refresh} />
    </div>
  )
}
