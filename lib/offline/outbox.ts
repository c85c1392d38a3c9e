// Browser only: runs in the page and the service worker, imports nothing of the server.
// The offline outbox: captures written without a connection wait in IndexedDB, sealed with the
// writer's device key (./device-key), with the client uuid that makes the server store each one
// once, and are sent when the connection returns — by the page (`online` event) or by the
// service worker (Background Sync). Both may run at once; the server's idempotency on client_id
// keeps every capture exactly once. A capture belongs to the account it was written in: it is
// sent only with a session of that account (asked of the server first, and named in a header
// the server checks), and listed only for it. Ultrasecret is never queued (./never-offline).
// Runs in the window and in the service worker: no DOM, no React.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import { compareIso } from '@/lib/dates'
import type { Tier } from '@/lib/tiers'
import { canSeal, newDeviceKey, open, seal } from './device-key'
import { neverOffline } from './never-offline'
import { OWNER_HEADER } from './owner-header'

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

/** What IndexedDB holds: the content and tier only as AES-GCM ciphertext. */
interface StoredCapture {
  client_id: string
  user_id: string
  written_at: string
  iv: Uint8Array<ArrayBuffer>
  data: ArrayBuffer
  error?: string
}

/** A capture queued by an earlier version, in clear; sealed when the database is opened. */
type LegacyCapture = Omit<StoredCapture, 'iv' | 'data'> & { content: string; tier?: Tier }

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: StoredCapture | LegacyCapture; indexes: { user: string } }
  meta: { key: string; value: string }
  keys: { key: string; value: CryptoKey }
}

export const SYNC_TAG = 'mnemo-outbox'
/** Broadcast after every change of the outbox, so open pages redraw their pending bubbles. */
export const OUTBOX_CHANNEL = 'mnemo-outbox'
/** Held while a device key is created, used to seal, or dropped. */
const KEY_LOCK = 'mnemo-outbox-key'

/** Thrown by enqueue for a capture that may not wait on the device; the message says why. */
export class OfflineRefusal extends Error {}

function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  return locks ? (locks.request(name, work) as Promise<T>) : work()
}

async function keyOf(db: IDBPDatabase<OutboxDb>, userId: string, create: boolean): Promise<CryptoKey | null> {
  const existing = await db.get('keys', userId)
  if (existing || !create) return existing ?? null
  const key = await newDeviceKey()
  await db.put('keys', key, userId)
  return key
}

async function put(db: IDBPDatabase<OutboxDb>, item: QueuedCapture): Promise<void> {
  await withLock(KEY_LOCK, async () => {
    const key = (await keyOf(db, item.user_id, true))!
    const { iv, data } = await seal(key, item.user_id, item.client_id, { content: item.content, tier: item.tier })
    const stored: StoredCapture = { client_id: item.client_id, user_id: item.user_id, written_at: item.written_at, iv, data }
    if (item.error) stored.error = item.error
    await db.put('outbox', stored)
  })
}

/** Seals what an earlier version left in clear (crypto cannot run inside the upgrade itself). */
async function sealLegacy(db: IDBPDatabase<OutboxDb>): Promise<void> {
  for (const value of await db.getAll('outbox')) {
    if ('content' in value) await put(db, value)
  }
}

let opening: Promise<IDBPDatabase<OutboxDb>> | null = null
function database(): Promise<IDBPDatabase<OutboxDb>> {
  opening ??= openDB<OutboxDb>('mnemo-offline', 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('outbox', { keyPath: 'client_id' }).createIndex('user', 'user_id')
        db.createObjectStore('meta')
      }
      if (oldVersion < 2) db.createObjectStore('keys')
    },
  }).then(async (db) => {
    await sealLegacy(db)
    return db
  })
  return opening
}

function announce() {
  if (typeof BroadcastChannel === 'undefined') return
  const channel = new BroadcastChannel(OUTBOX_CHANNEL)
  channel.postMessage('changed')
  channel.close()
}

/**
 * Remembers who is signed in on this device (null: nobody), for the offline page. Set by the
 * signed-in pages, cleared by sign-out and by the sign-in pages.
 */
export async function setCurrentUser(userId: string | null): Promise<void> {
  const db = await database()
  if (userId) await db.put('meta', userId, 'user')
  else await db.delete('meta', 'user')
}

/** Who was last signed in on this device (null after signing out or on a sign-in page). */
export async function getCurrentUser(): Promise<string | null> {
  return (await (await database()).get('meta', 'user')) ?? null
}

/** Queues a capture, sealed; throws OfflineRefusal for one that may never wait on the device. */
export async function enqueue(item: QueuedCapture): Promise<void> {
  const refusal = neverOffline(item.content, item.tier)
  if (refusal) throw new OfflineRefusal(refusal)
  // Nothing waits on the device in clear: without WebCrypto the text stays in the box.
  if (!canSeal()) throw new OfflineRefusal('Not sent, and not kept on this device: keeping messages offline needs a secure connection (https, or localhost). Your text is still in the box.')
  await put(await database(), item)
  announce()
}

/** The user's waiting captures, opened with their device key, oldest first. */
export async function listQueued(userId: string): Promise<QueuedCapture[]> {
  const db = await database()
  const key = await keyOf(db, userId, false)
  const items: QueuedCapture[] = []
  for (const value of await db.getAllFromIndex('outbox', 'user', userId)) {
    if ('content' in value || !key) continue
    const fields = await open(key, value.user_id, value.client_id, value.iv, value.data)
    if (!fields) continue
    const item: QueuedCapture = { client_id: value.client_id, user_id: value.user_id, content: fields.content, written_at: value.written_at }
    if (fields.tier) item.tier = fields.tier as Tier
    if (value.error) item.error = value.error
    items.push(item)
  }
  return items.sort((a, b) => compareIso(a.written_at, b.written_at))
}

/** How many captures of any account wait on this device (what a signed-out page may show). */
export async function countQueued(): Promise<number> {
  return (await database()).count('outbox')
}

/** A user with nothing waiting gets a new key next time: ciphertext left on disk by deletes is then unreadable. */
async function dropKeyIfEmpty(db: IDBPDatabase<OutboxDb>, userId: string): Promise<void> {
  await withLock(KEY_LOCK, async () => {
    if ((await db.countFromIndex('outbox', 'user', userId)) === 0) await db.delete('keys', userId)
  })
}

/** Signing out: the user's waiting captures, their key and the runtime caches leave the device. */
export async function clearUser(userId: string): Promise<void> {
  const db = await database()
  const tx = db.transaction('outbox', 'readwrite')
  for (const key of await tx.store.index('user').getAllKeys(userId)) await tx.store.delete(key)
  await tx.done
  await dropKeyIfEmpty(db, userId)
  await setCurrentUser(null)
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) if (!name.includes('precache')) await caches.delete(name)
  }
  announce()
}

/**
 * Whom the browser's session belongs to: the user id, null when signed out (or revoked), and
 * undefined when it cannot be told (offline, server trouble).
 */
export async function sessionUser(fetcher: typeof fetch = fetch): Promise<string | null | undefined> {
  try {
    const response = await fetcher('/api/v1/account', { credentials: 'same-origin', cache: 'no-store' })
    if (response.status === 401) return null
    if (!response.ok) return undefined
    const body = (await response.json()) as { id?: unknown }
    return typeof body.id === 'string' ? body.id : undefined
  } catch {
    return undefined
  }
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
        headers: { 'content-type': 'application/json', [OWNER_HEADER]: item.user_id },
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
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null
      await put(db, { ...item, error: body?.error?.message ?? `Refused by the server (${response.status}).` })
      result.refused++
    } else {
      // 401 (signed out), 409 (another account's session), 429, 5xx: keep everything, try later.
      result.interrupted = true
      break
    }
  }
  await dropKeyIfEmpty(db, userId)
  if (result.sent || result.refused) announce()
  return result
}

const NOTHING: ReplayResult = { sent: 0, refused: 0, interrupted: false }

/**
 * Sends the waiting captures of the account the browser's session belongs to, oldest first, and
 * nobody else's. With `userId` (the page's user), sends only when the session is still theirs.
 * One sender at a time per browser (Web Locks where available).
 */
export async function replay(userId?: string, fetcher: typeof fetch = fetch): Promise<ReplayResult> {
  if ((await countQueued()) === 0) return NOTHING
  const who = await sessionUser(fetcher)
  if (who === undefined) return { ...NOTHING, interrupted: true }
  if (who === null || (userId && userId !== who)) return NOTHING
  return withLock(SYNC_TAG, () => sendAll(who, fetcher))
}

/** Drops a capture the server refused (the person has read why). */
export async function discard(clientId: string): Promise<void> {
  const db = await database()
  const item = await db.get('outbox', clientId)
  await db.delete('outbox', clientId)
  if (item) await dropKeyIfEmpty(db, item.user_id)
  announce()
}
