// Memories: capture and edit (./capture), list, read, delete with undo. Every write announces
// itself (ids and kind only) in its transaction, for live timelines.
import 'server-only'
import { getDb } from '@/db'
import {
  getMemoryById,
  listMemoriesByUser,
  purgeDeletedMemories,
  restoreMemoryById,
  softDeleteMemoryById,
  countMemoriesByTier,
  hasMemoryChangesByUser,
} from '@/db/queries/memories'
import { addTermsByUser, removeTermsByUser, termsOf } from '@/db/queries/memory-terms'
import type { Memory } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { recordAccess } from '@/lib/audit'
import type { Principal } from '@/lib/auth/principal-type'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { publishMemoryEvent } from '@/lib/live/publish'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'
import { listCursor } from './timeline'
import { canRead, lockReason } from './access'
import { denied, loadOwn, view, type MemoryView } from './read'
import { readBody } from './sealed'
import { publicMemory, type PublicMemory } from './serialize'
import { isUuid } from '@/lib/http/input'

export { lockReason, canRead } from './access'
export { captureMemory, keptOnEdit, updateMemory, type CaptureResult } from './capture'
export type { MemoryView } from './read'
export type { PublicMemory, LockedMemory } from './serialize'

export const UNDO_WINDOW_DAYS = 30
/** How far before a page's render time `memoriesChangedSince` looks (clocks, open transactions). */
const CHANGE_MARGIN_MS = 5_000

function encodeCursor(row: Memory): string {
  return listCursor(row.createdAt.toISOString(), row.id)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string]
    const date = new Date(createdAt)
    // Only what encodeCursor gives out: a time the database can hold, and a well-formed uuid.
    const year = date.getUTCFullYear()
    if (Number.isNaN(date.getTime()) || year < 1970 || year > 9999 || !UUID.test(id)) throw new Error('bad cursor')
    return { createdAt: date, id }
  } catch {
    throw new AppError('bad_request:memory', { message: 'The cursor is not valid.', fieldErrors: { cursor: ['Not a cursor this API gave out.'] } })
  }
}

export interface ListInput {
  tiers?: Tier[]
  tag?: string
  from?: string
  to?: string
  limit: number
  cursor?: string
}

/** Newest first; protected memories the caller has not unlocked come as locked placeholders. */
export async function listMemories(principal: Principal, input: ListInput, info?: RequestInfo): Promise<{ items: MemoryView[]; next_cursor: string | null }> {
  const userId = principal.user.id
  const from = input.from ? new Date(input.from) : undefined
  const to = input.to ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(input.to) ? `${input.to}T23:59:59.999Z` : input.to) : undefined
  if (from && to && from > to) {
    throw new AppError('bad_request:memory', { message: 'The date range ends before it starts.', fieldErrors: { to: ['Must not be before from.'] } })
  }
  const { items, rows, readProtected } = await withUser(userId, async (tx) => {
    const rows = await listMemoriesByUser(tx, { userId, tiers: input.tiers, tag: input.tag, from, to, limit: input.limit, cursor: input.cursor ? decodeCursor(input.cursor) : undefined })
    const items: MemoryView[] = []
    const readProtected: Memory[] = []
    for (const row of rows) {
      const item = await view(tx, principal, row)
      if (input.tag && !('locked' in item) && !item.tags.includes(input.tag)) continue
      if (input.tag && 'locked' in item) continue
      if (!('locked' in item) && TIER_LEVEL[row.tier] >= 2) readProtected.push(row)
      items.push(item)
    }
    return { items, rows, readProtected }
  })
  await auditReads(principal, readProtected, info)
  return { items, next_cursor: rows.length === input.limit ? encodeCursor(rows[rows.length - 1]) : null }
}

/** Every read of a protected memory is logged (ids only). */
async function auditReads(principal: Principal, rows: Memory[], info?: RequestInfo) {
  if (rows.length === 0) return
  const top = rows.reduce((a, b) => (TIER_LEVEL[b.tier] > TIER_LEVEL[a.tier] ? b : a))
  await recordAccess({
    userId: principal.user.id,
    action: 'memory.read',
    tier: top.tier,
    success: true,
    ...info,
    details: { ids: rows.map((r) => r.id).slice(0, 100), count: rows.length, via: principal.kind },
  })
}

/** Counts per tier for the tier tabs: tier 1 always, a protected tier only while the caller can read it. */
export async function countReadableMemories(principal: Principal): Promise<Partial<Record<Tier, number>>> {
  const counts = await withUser(principal.user.id, (tx) => countMemoriesByTier(tx, { userId: principal.user.id }))
  return Object.fromEntries(Object.entries(counts).filter(([tier]) => TIER_LEVEL[tier as Tier] === 1 || canRead(principal, tier as Tier)))
}

/**
 * One memory as the timeline shows it — the locked placeholder when the caller cannot read its
 * tier — with its client id (so a page can match it to its own pending capture), or null when
 * it does not exist, is deleted or is not the caller's. Reads of protected memories are logged.
 */
export async function getMemoryView(principal: Principal, id: string, info?: RequestInfo): Promise<{ memory: MemoryView; clientId: string | null } | null> {
  if (!isUuid(id)) return null
  const userId = principal.user.id
  const found = await withUser(userId, async (tx) => {
    const row = await getMemoryById(tx, { userId, id })
    return row && !row.deletedAt ? { row, memory: await view(tx, principal, row) } : null
  })
  if (!found) return null
  await auditReads(principal, !('locked' in found.memory) && TIER_LEVEL[found.row.tier] >= 2 ? [found.row] : [], info)
  return { memory: found.memory, clientId: found.row.clientId }
}

export async function getMemory(principal: Principal, id: string, info?: RequestInfo): Promise<PublicMemory> {
  const userId = principal.user.id
  const row = await withUser(userId, (tx) => loadOwn(tx, userId, id))
  if (!canRead(principal, row.tier)) await denied(principal, row, info)
  const memory = await withUser(userId, async (tx) => publicMemory(row, await readBody(tx, row)))
  await auditReads(principal, TIER_LEVEL[row.tier] >= 2 ? [row] : [], info)
  return memory
}

/** Soft delete: gone from every list at once, restorable for 30 days, then purged. */
/**
 * A caller capped below a memory's tier (an API token's limit, or the account's highest tier)
 * may not delete or restore it, as it may not read or move it. A tier that an unlock would open
 * is no bar: a delete is undone within 30 days.
 */
function assertWithinCap(principal: Principal, tier: Tier) {
  const reason = lockReason(principal, tier)
  if (reason?.unlock === 'none') throw new AppError('forbidden:tier', { message: reason.message, details: { tier, unlock: 'none' } })
}

/** Deleting or restoring a protected memory is written to the access log, as changing one is. */
async function auditDeleteOrRestore(principal: Principal, row: Memory, action: 'memory.delete' | 'memory.restore', info?: RequestInfo) {
  if (TIER_LEVEL[row.tier] < 2) return
  await recordAccess({ userId: principal.user.id, action, tier: row.tier, success: true, ...info, details: { id: row.id, via: principal.kind } })
}

export async function deleteMemory(principal: Principal, id: string, info?: RequestInfo): Promise<void> {
  const userId = principal.user.id
  const row = await withUser(userId, async (tx) => {
    const row = await loadOwn(tx, userId, id)
    assertWithinCap(principal, row.tier)
    const deleted = await softDeleteMemoryById(tx, { userId, id })
    if (deleted && TIER_LEVEL[row.tier] === 1) await removeTermsByUser(tx, { userId, terms: termsOf(row.content ?? '') })
    if (deleted) await publishMemoryEvent(tx, { user_id: userId, memory_id: id, kind: 'deleted' })
    return deleted ? row : undefined
  })
  if (!row) throw new AppError('not_found:memory', { message: 'No such memory.' })
  await auditDeleteOrRestore(principal, row, 'memory.delete', info)
}

export async function restoreMemory(principal: Principal, id: string, info?: RequestInfo): Promise<void> {
  const userId = principal.user.id
  const row =
    isUuid(id) &&
    (await withUser(userId, async (tx) => {
      const row = await getMemoryById(tx, { userId, id })
      if (!row?.deletedAt) return undefined
      assertWithinCap(principal, row.tier)
      if (!(await restoreMemoryById(tx, { userId, id }))) return undefined
      if (TIER_LEVEL[row.tier] === 1) await addTermsByUser(tx, { userId, terms: termsOf(row.content ?? '') })
      await publishMemoryEvent(tx, { user_id: userId, memory_id: id, kind: 'restored' })
      return row
    }))
  if (!row) throw new AppError('not_found:memory', { message: 'Nothing to restore: no deleted memory with that id.' })
  await auditDeleteOrRestore(principal, row, 'memory.restore', info)
}

/**
 * Whether the caller's memories changed after `since` (a page's render time), for a live stream
 * opening later. Timestamps come from the database's and the servers' clocks and a transaction's
 * start, so a few seconds of margin lean towards "yes": the cost of a yes is one reload.
 */
export async function memoriesChangedSince(principal: Principal, since: Date): Promise<boolean> {
  const userId = principal.user.id
  return withUser(userId, (tx) => hasMemoryChangesByUser(tx, { userId, since: new Date(since.getTime() - CHANGE_MARGIN_MS) }))
}

/** System job: purge memories deleted more than 30 days ago. */
export async function purgeExpiredMemories(now = new Date()): Promise<number> {
  return purgeDeletedMemories(await getDb(), { before: new Date(now.getTime() - UNDO_WINDOW_DAYS * 86_400_000) })
}
