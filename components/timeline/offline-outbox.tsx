'use client'

import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useRef, useState } from 'react'
import { discard, getCurrentUser, listQueued, OUTBOX_CHANNEL, replay, type QueuedCapture } from '@/lib/offline/outbox'
import { Composer } from './composer'
import { PendingBubble } from './pending-bubble'

/**
 * The offline page's outbox: what waits on this device for the person last signed in here, a
 * box to write more, and — when the connection returns — sending it all and going back to the
 * timeline.
 */
export function OfflineOutbox() {
  const router = useRouter()
  const [userId, setUserId] = useState<string | null | undefined>(undefined)
  const [queued, setQueued] = useState<QueuedCapture[]>([])
  const [inFlight, setInFlight] = useState<QueuedCapture[]>([])
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone

  const reads = useRef(0)
  const refresh = useCallback(async () => {
    const read = ++reads.current
    const who = await getCurrentUser()
    const list = who ? await listQueued(who) : []
    if (read !== reads.current) return
    setUserId(who)
    setQueued(list)
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
  if (userId === null) return <p>Sign in again when you are back online to write new memories.</p>
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
      <Composer userId={userId} onPending={setInFlight} onQueued={refresh} />
    </div>
  )
}
