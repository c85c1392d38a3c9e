// Browser only: runs in the page and the service worker, imports nothing of the server.
// The offline outbox: captures written without a connection wait in IndexedDB (per user, with
// the client uuid that makes the server store each one once) and are sent when the connection
// returns — by the page (`online` event) or by the service worker (Background Sync). Both may
// run at once; the server's idempotency on client_id keeps every capture exactly once.
// Runs in the window and in the service worker: no DOM, no React.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { Tier } from '@/lib/tiers'

export interface QueuedCapture {
  client_id: string
  user_id: string
  content: string
  tier?: Tier
  /** When it was written (sent as occurred_at, so the timeline keeps its order). */
  written_at: string
  /** Set when the server refused it for good (e.g. too long); it is not sent again. */
  error?: string
}

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: QueuedCapture; indexes: { user: string } }
  meta: { key: string; value: string }
}

export const SYNC_TAG = 'mnemo-outbox'
/** Broadcast after every change of the outbox, so open pages redraw their pending bubbles. */
export const OUTBOX_CHANNEL = 'mnemo-outbox'

let opening: Promise<IDBPDatabase<OutboxDb>> | null = null
function database(): Promise<IDBPDatabase<OutboxDb>> {
  opening ??= openDB<OutboxDb>('mnemo-offline', 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'client_id' }).createIndex('user', 'user_id')
      db.createObjectStore('meta')
    },
  })
  return opening
}

function announce() {
  if (typeof BroadcastChannel === 'undefined') return
  const channel = new BroadcastChannel(OUTBOX_CHANNEL)
  channel.postMessage('changed')
  channel.close()
}

/** Remembers who is signed in on this device, so the service worker sends only their captures. */
export async function setCurrentUser(userId: string | null): Promise<void> {
  const db = await database()
  if (userId) await db.put('meta', userId, 'user')
  else await db.delete('meta', 'user')
}

/** Who was last signed in on this device (null after signing out). */
export async function getCurrentUser(): Promise<string | null> {
  return (await (await database()).get('meta', 'user')) ?? null
}

export async function enqueue(item: QueuedCapture): Promise<void> {
  await (await database()).put('outbox', item)
  announce()
}

export async function listQueued(userId: string): Promise<QueuedCapture[]> {
  const items = await (await database()).getAllFromIndex('outbox', 'user', userId)
  return items.sort((a, b) => a.written_at.localeCompare(b.written_at))
}

/** Signing out: the user's waiting captures and the runtime caches leave the device. */
export async function clearUser(userId: string): Promise<void> {
  const db = await database()
  const tx = db.transaction('outbox', 'readwrite')
  for (const key of await tx.store.index('user').getAllKeys(userId)) await tx.store.delete(key)
  await tx.done
  await setCurrentUser(null)
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) if (!name.includes('precache')) await caches.delete(name)
  }
  announce()
}

export interface ReplayResult {
  sent: number
  refused: number
  /** True when sending stopped early (offline, signed out, server trouble): try again later. */
  interrupted: boolean
}

async function sendAll(userId: string, fetcher: typeof fetch): Promise<ReplayResult> {
  const db = await database()
  const result: ReplayResult = { sent: 0, refused: 0, interrupted: false }
  for (const item of await listQueued(userId)) {
    if (item.error) continue
    let response: Response
    try {
      response = await fetcher('/api/v1/memories', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: item.content, client_id: item.client_id, tier: item.tier, occurred_at: item.written_at, source: 'app' }),
      })
    } catch {
      result.interrupted = true
      break
    }
    if (response.ok) {
      await db.delete('outbox', item.client_id)
      result.sent++
    } else if (response.status === 400 || response.status === 413 || response.status === 422) {
      const body = (await response.json().catch(() => null)) as { message?: string } | null
      await db.put('outbox', { ...item, error: body?.message ?? `Refused by the server (${response.status}).` })
      result.refused++
    } else {
      // 401 (signed out), 429, 5xx: keep everything and try again later.
      result.interrupted = true
      break
    }
  }
  if (result.sent || result.refused) announce()
  return result
}

/**
 * Sends the waiting captures of the signed-in user, oldest first. One sender at a time per
 * browser (Web Locks where available); without a user id it uses the one the app last recorded.
 */
export async function replay(userId?: string, fetcher: typeof fetch = fetch): Promise<ReplayResult> {
  const who = userId ?? (await (await database()).get('meta', 'user'))
  if (!who) return { sent: 0, refused: 0, interrupted: false }
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  if (!locks) return sendAll(who, fetcher)
  return locks.request(SYNC_TAG, () => sendAll(who, fetcher))
}

/** Drops a capture the server refused (the person has read why). */
export async function discard(clientId: string): Promise<void> {
  await (await database()).delete('outbox', clientId)
  announce()
}
