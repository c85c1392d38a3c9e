'use client'

import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useTransition } from 'react'
import { liveMemoryAction, loadEarlierAction } from '@/app/(app)/home/actions'
import type { MemoryEventMessage } from '@/lib/live/events'
import type { MemoryView } from '@/lib/memories'
import { clockTime, compareIso, dayKey } from '@/lib/dates'
import { daySeparator, listCursor, type TimelineLabels } from '@/lib/memories/timeline'
import { discard, listQueued, OUTBOX_CHANNEL, replay, setCurrentUser, type QueuedCapture } from '@/lib/offline/outbox'
import { HasPasskeyContext } from '@/components/security/add-passkey-inline'
import { Bubble } from './bubble'
import { Composer } from './composer'
import { PendingBubble } from './pending-bubble'
import { DeletedContext, UndoDelete } from './undo-delete'
import { useMemoryEvents } from './use-memory-events'
import { refreshWhenReachable, useOnline } from './use-online'

interface Props {
  userId: string
  timeZone: string
  items: MemoryView[]
  nextCursor: string | null
  tier?: string
  autoFocus?: boolean
  /** When the server read `items` (ISO 8601): the live stream catches up from there. */
  renderedAt: string
  /** A memory just deleted on another page (its Details): offer its undo here. */
  justDeleted?: string
  /** Whether the account has a passkey (secret tiers cannot be read without one). */
  hasPasskey: boolean
  /** The server's formatting of the dates of `items`. */
  labels?: TimelineLabels
}

type Entry = { kind: 'memory'; memory: MemoryView; at: string } | { kind: 'pending'; item: QueuedCapture; at: string }

/** What a live event said of a memory: shown as this (null: not on this timeline any more). */
type LiveEntry = { memory: MemoryView | null; clientId: string | null }

/** Within this distance of the end, the reader is "at the bottom" and follows new messages. */
const STICK_PX = 96

function atBottom(): boolean {
  return window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - STICK_PX
}

/**
 * The chat-like timeline: day groups oldest to newest, pending captures last, the composer below.
 * Memories written elsewhere arrive live: each event is read back through the server's rules
 * (a locked tier stays a placeholder) and laid over what the page was rendered with.
 */
export function Timeline({ userId, timeZone, items, nextCursor, tier, autoFocus, renderedAt, justDeleted, hasPasskey, labels }: Props) {
  const router = useRouter()
  const [older, setOlder] = useState<MemoryView[]>([])
  const [olderExhausted, setOlderExhausted] = useState(false)
  const [queued, setQueued] = useState<QueuedCapture[]>([])
  const [inFlight, setInFlight] = useState<QueuedCapture[]>([])
  const [loading, startLoading] = useTransition()
  const [loadError, setLoadError] = useState<string | null>(null)
  const [live, setLive] = useState<ReadonlyMap<string, LiveEntry>>(new Map())
  const topRef = useRef<HTMLDivElement>(null)
  const bottomRef = useRef<HTMLDivElement>(null)
  /** Per memory, the number of the latest event: an older read that answers late is dropped. */
  const liveReads = useRef(new Map<string, number>())
  /** Memories whose read failed (offline, say): read again at the next resynchronisation. */
  const unread = useRef(new Set<string>())
  const stickToBottom = useRef(false)
  const [undoId, setUndoId] = useState<string | null>(justDeleted ?? null)
  const online = useOnline()

  const reads = useRef(0)
  // Reads of the outbox can finish out of order; only the latest one may set the list.
  const refreshQueue = useCallback(async () => {
    const read = ++reads.current
    const list = await listQueued(userId)
    // An empty outbox stays the same list: the whole timeline does not render again for nothing.
    if (read === reads.current) setQueued((shown) => (list.length === 0 && shown.length === 0 ? shown : list))
  }, [userId])
  const sync = useCallback(async () => {
    if (!navigator.onLine) return
    const result = await replay(userId)
    if (result.sent) void refreshWhenReachable(router)
    await refreshQueue()
  }, [router, refreshQueue, userId])

  // The outbox: who is signed in (for the service worker), what waits, and sending it whenever
  // the connection is (or comes) back; other tabs and the service worker announce changes.
  useEffect(() => {
    void setCurrentUser(userId).then(refreshQueue).then(sync)
    const channel = new BroadcastChannel(OUTBOX_CHANNEL)
    channel.onmessage = () => {
      void refreshQueue()
      void refreshWhenReachable(router)
    }
    const online = () => void sync()
    window.addEventListener('online', online)
    return () => {
      channel.close()
      window.removeEventListener('online', online)
    }
  }, [userId, refreshQueue, sync, router])

  const showLive = useCallback((id: string, entry: LiveEntry) => {
    stickToBottom.current ||= atBottom()
    setLive((map) => new Map(map).set(id, entry))
  }, [])

  const onLiveEvent = useCallback(
    async ({ memory_id: id, kind }: MemoryEventMessage) => {
      const read = (liveReads.current.get(id) ?? 0) + 1
      liveReads.current.set(id, read)
      unread.current.delete(id)
      if (kind === 'deleted') return showLive(id, { memory: null, clientId: null })
      const result = await liveMemoryAction(id).catch(() => null)
      if (liveReads.current.get(id) !== read) return
      if (!result || result.status !== 'ok' || !result.data) {
        unread.current.add(id)
        return
      }
      const { memory, client_id } = result.data
      // A tier tab shows only its tier: a memory moved elsewhere leaves it.
      showLive(id, { memory: memory && (!tier || memory.tier === tier) ? memory : null, clientId: client_id })
    },
    [showLive, tier],
  )

  // A fresh render of the page (after an unlock, a move, a refresh) is newer than what live
  // events said of the memories it holds: a memory read while locked must not stay locked.
  // (State adjusted while rendering, as React documents for a prop change.)
  const [seenItems, setSeenItems] = useState(items)
  if (items !== seenItems) {
    setSeenItems(items)
    const fresh = new Set(items.map((m) => m.id))
    if ([...live.keys()].some((id) => fresh.has(id))) setLive(new Map([...live].filter(([id]) => !fresh.has(id))))
  }

  // The address named the deleted memory only to offer its undo once; a reload should not.
  useEffect(() => {
    if (justDeleted) window.history.replaceState(null, '', window.location.pathname + (tier ? `?tier=${tier}` : ''))
  }, [justDeleted, tier])
  const onDeleted = useCallback(
    (id: string) => {
      showLive(id, { memory: null, clientId: null })
      setUndoId(id)
    },
    [showLive],
  )
  const closeUndo = useCallback(() => setUndoId(null), [])
  const restored = useCallback(
    (id: string) => {
      setUndoId(null)
      void onLiveEvent({ memory_id: id, kind: 'restored' })
    },
    [onLiveEvent],
  )

  useMemoryEvents({
    onEvent: (message) => void onLiveEvent(message),
    // Events were missed (a dropped connection, a hidden page, a read that failed): reload the
    // page's data and read again every memory known from an event, so none stays as it was.
    onResync: () => {
      void refreshWhenReachable(router)
      for (const id of new Set([...live.keys(), ...unread.current])) void onLiveEvent({ memory_id: id, kind: 'updated' })
    },
  }, renderedAt)

  // A reader at the bottom follows new messages; one reading earlier ones stays where they are.
  useLayoutEffect(() => {
    if (!stickToBottom.current) return
    stickToBottom.current = false
    window.scrollTo(0, document.documentElement.scrollHeight)
  }, [live])

  // What was just sent shows above the message box: at the send, and again once it is stored
  // (the box may have grown by a status line meanwhile).
  const lastSend = useRef(0)
  const sentCount = inFlight.length
  useLayoutEffect(() => {
    if (sentCount > 0) lastSend.current = Date.now()
    if (Date.now() - lastSend.current < 5_000) window.scrollTo(0, document.documentElement.scrollHeight)
  }, [sentCount, items, queued])

  // Start at the newest message, like a chat.
  useLayoutEffect(() => {
    bottomRef.current?.scrollIntoView({ block: 'end' })
    // Again after the router's own scroll handling of the navigation.
    const frame = requestAnimationFrame(() => window.scrollTo(0, document.documentElement.scrollHeight))
    return () => cancelAnimationFrame(frame)
  }, [])

  // Earlier pages start below the oldest memory shown (the newest page moves as memories arrive).
  const cursor = useMemo(() => {
    if (olderExhausted || (older.length === 0 && !nextCursor)) return null
    const shown = [...items, ...older]
    if (shown.length === 0) return null
    const oldest = shown.reduce((a, b) => (b.created_at < a.created_at || (b.created_at === a.created_at && b.id < a.id) ? b : a))
    return listCursor(oldest.created_at, oldest.id)
  }, [items, older, nextCursor, olderExhausted])

  const loadEarlier = useCallback(() => {
    if (!cursor || loading) return
    startLoading(async () => {
      const before = document.documentElement.scrollHeight
      const result = await loadEarlierAction(cursor, tier)
      if (result.status !== 'ok' || !result.data) {
        setLoadError(result.status === 'idle' ? null : (result.message ?? 'Could not load earlier memories.'))
        return
      }
      setLoadError(null)
      setOlder((o) => [...o, ...result.data!.items])
      if (!result.data.next_cursor) setOlderExhausted(true)
      // Keep what the person was looking at in place while earlier messages appear above it.
      requestAnimationFrame(() => window.scrollBy(0, document.documentElement.scrollHeight - before))
    })
  }, [cursor, loading, tier])

  useEffect(() => {
    const top = topRef.current
    if (!top || !cursor) return
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadEarlier(), { rootMargin: '200px 0px 0px 0px' })
    observer.observe(top)
    return () => observer.disconnect()
  }, [cursor, loadEarlier])

  const groups = useMemo(() => {
    const stored = new Map<string, MemoryView>()
    for (const m of [...items, ...older]) stored.set(m.id, m)
    for (const [id, entry] of live) {
      if (entry.memory) stored.set(id, entry.memory)
      else stored.delete(id)
    }
    // A pending capture the server already stored shows once, as the stored memory (a locked
    // one carries no client id, so the live read brings it alongside).
    const known = new Set([...stored.values()].map((m) => ('client_id' in m ? m.client_id : null)).filter(Boolean))
    for (const entry of live.values()) if (entry.memory && entry.clientId) known.add(entry.clientId)
    const pending = new Map<string, QueuedCapture>()
    for (const p of [...queued, ...inFlight]) if (!known.has(p.client_id)) pending.set(p.client_id, p)
    const entries: Entry[] = [
      ...[...stored.values()].map((memory) => ({ kind: 'memory' as const, memory, at: memory.created_at })),
      ...[...pending.values()].map((item) => ({ kind: 'pending' as const, item, at: item.written_at })),
    ].sort((a, b) => compareIso(a.at, b.at))
    const byDay = new Map<string, Entry[]>()
    for (const entry of entries) {
      const key = labels?.times[entry.at]?.[0] ?? dayKey(entry.at, timeZone)
      byDay.set(key, [...(byDay.get(key) ?? []), entry])
    }
    return [...byDay]
  }, [items, older, live, queued, inFlight, timeZone, labels])

  const empty = groups.length === 0
  const queuedIds = useMemo(() => new Set(queued.map((q) => q.client_id)), [queued])

  return (
    <HasPasskeyContext.Provider value={hasPasskey}>
    <DeletedContext.Provider value={onDeleted}>
    <div className="flex flex-1 flex-col">
      <div ref={topRef} className="flex justify-center py-2">
        {cursor ? (
          <button type="button" onClick={loadEarlier} disabled={loading} className="rounded-full px-3 py-1 text-sm text-slate-700 underline-offset-2 hover:underline dark:text-slate-300">
            {loading ? 'Loading earlier memories…' : 'Load earlier memories'}
          </button>
        ) : (
          !empty && <p className="text-sm text-slate-600 dark:text-slate-400">The beginning of your memories.</p>
        )}
      </div>
      {loadError && (
        <p role="alert" className="text-center text-sm text-red-700 dark:text-red-400">
          {loadError}
        </p>
      )}
      {empty ? (
        <p className="my-auto py-12 text-center text-slate-600 dark:text-slate-400">Nothing here yet. Write your first memory below.</p>
      ) : (
        <section aria-label="Your memories" aria-busy={loading} className="flex flex-col gap-6 pb-4">
          {groups.map(([key, entries]) => (
            <section key={key} aria-labelledby={`day-${key}`} className="flex flex-col gap-3">
              <h2 id={`day-${key}`} className="self-center rounded-full bg-slate-200/90 px-3 py-0.5 text-xs font-medium text-slate-700 backdrop-blur dark:bg-slate-700/90 dark:text-slate-200" suppressHydrationWarning>
                {daySeparator(key, timeZone, labels)}
              </h2>
              <ul className="flex flex-col gap-3">
                {entries.map((entry) =>
                  entry.kind === 'memory' ? (
                    <Bubble key={entry.memory.id} memory={entry.memory} time={labels?.times[entry.memory.created_at]?.[1] ?? clockTime(entry.memory.created_at, timeZone)} />
                  ) : (
                    <PendingBubble key={entry.item.client_id} item={entry.item} timeZone={timeZone} waiting={!online || queuedIds.has(entry.item.client_id)} onDiscard={() => discard(entry.item.client_id).then(refreshQueue)} />
                  ),
                )}
              </ul>
            </section>
          ))}
        </section>
      )}
      <div ref={bottomRef} />
      <Composer
        userId={userId}
        autoFocus={autoFocus}
        onPending={setInFlight}
        onQueued={refreshQueue}
        notice={undoId ? { key: undoId, content: <UndoDelete key={undoId} id={undoId} onClose={closeUndo} onRestored={restored} /> } : null}
      />
    </div>
    </DeletedContext.Provider>
    </HasPasskeyContext.Provider>
  )
}
