// Memories: capture (classify, seal, store once per client id), list, read, edit, move between
// tiers (re-sealing in one transaction and teaching the classifier), delete with undo. Every
// write announces itself (ids and kind only) in its transaction, for live timelines.
import { randomUUID } from 'node:crypto'
import type { CaptureInput, UpdateInput } from '@/app/api/v1/memories/schema'
import { MAX_CONTENT } from '@/app/api/v1/memories/schema'
import { getDb, type DbExecutor } from '@/db'
import {
  getMemoryByClientId,
  getMemoryById,
  insertMemory,
  listMemoriesByUser,
  listTagsByUser,
  purgeDeletedMemories,
  restoreMemoryById,
  softDeleteMemoryById,
  updateMemoryById,
  countMemoriesByTier,
  hasMemoryChangesByUser,
} from '@/db/queries/memories'
import { addTermsByUser, removeTermsByUser, termsOf } from '@/db/queries/memory-terms'
import type { Memory, User } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { effectivePreferences } from '@/lib/accounts/preferences'
import { recordAccess } from '@/lib/audit'
import type { Principal } from '@/lib/auth/principal'
import { classify, type Classification } from '@/lib/classify'
import { THRESHOLDS } from '@/lib/classify/schema'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { publishMemoryEvent } from '@/lib/live/publish'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'
import { listCursor } from './timeline'
import { assertCanRead, canRead } from './access'
import { loadCorrections, recordCorrection } from './corrections'
import { embedText } from '@/lib/embeddings'
import { bodyColumns, embeddingColumns, readBody, type MemoryBody } from './sealed'
import { lockedMemory, publicMemory, type LockedMemory, type PublicMemory } from './serialize'

export { lockReason, canRead } from './access'
export type { PublicMemory, LockedMemory } from './serialize'

export const UNDO_WINDOW_DAYS = 30
/** How far before a page's render time `memoriesChangedSince` looks (clocks, open transactions). */
const CHANGE_MARGIN_MS = 5_000

function tooLong(content: string): AppError {
  return new AppError('payload_too_large:memory', {
    message: `A memory holds at most ${MAX_CONTENT.toLocaleString('en')} characters (this one has ${[...content].length.toLocaleString('en')}).`,
    fieldErrors: { content: [`At most ${MAX_CONTENT} characters.`] },
  })
}

/** Everything the classifier should know about this user. */
async function classifyFor(tx: DbExecutor, user: User, content: string, now: Date): Promise<Classification> {
  const prefs = effectivePreferences(user.preferences)
  const [existingTags, corrections] = await Promise.all([listTagsByUser(tx, { userId: user.id }), loadCorrections(tx, { userId: user.id })])
  return classify(content, { now, timeZone: user.timezone, existingTags, corrections, defaultTier: prefs.default_tier })
}

export type MemoryView = PublicMemory | LockedMemory

async function view(tx: DbExecutor, principal: Principal, row: Memory): Promise<MemoryView> {
  return canRead(principal, row.tier) ? publicMemory(row, await readBody(tx, row)) : lockedMemory(row)
}

export interface CaptureResult {
  memory: MemoryView
  classification: Classification | null
  /** false when the client id was seen before and the first memory is returned. */
  created: boolean
  /** A more protective tier the classifier is sure of, when the writer forced a lower one. */
  suggestedTier?: Tier
}

/** Stores a new memory; replaying a `client_id` returns the first one (even under a race). */
export async function captureMemory(principal: Principal, input: CaptureInput, defaultSource: CaptureInput['source'] = 'api'): Promise<CaptureResult> {
  if ([...input.content].length > MAX_CONTENT) throw tooLong(input.content)
  const userId = principal.user.id
  // Outside the transaction: a remote embedding call must not hold a connection.
  const embedding = await embedText(input.content)
  return withUser(userId, async (tx) => {
    if (input.client_id) {
      const existing = await getMemoryByClientId(tx, { userId, clientId: input.client_id })
      if (existing) return { memory: await view(tx, principal, existing), classification: null, created: false }
    }
    const now = new Date()
    const classification = await classifyFor(tx, principal.user, input.content, now)
    const tier: Tier = input.tier ?? classification.tier
    const id = randomUUID()
    const body: MemoryBody = {
      content: input.content,
      tags: classification.tags,
      emotion: { ...classification.emotion },
      entities: { ...classification.entities, detectors: classification.detectors.map(({ kind, start, end }) => ({ kind, start, end })) },
      reasoning: input.tier && input.tier !== classification.tier ? `You chose ${input.tier}. ${classification.reasoning}` : classification.reasoning,
    }
    const occurredAt = input.occurred_at ? new Date(input.occurred_at) : classification.occurred_at ? new Date(classification.occurred_at) : now
    const inserted = await insertMemory(tx, {
      id,
      userId,
      clientId: input.client_id ?? null,
      tier,
      securityLevel: TIER_LEVEL[tier],
      confidence: input.tier ? 1 : classification.confidence,
      model: input.tier ? 'user' : classification.model,
      source: input.source ?? defaultSource,
      occurredAt,
      ...(await bodyColumns(tx, { userId, memoryId: id, tier }, body)),
      ...(await embeddingColumns(tx, { userId, memoryId: id, tier }, embedding)),
    })
    if (inserted && TIER_LEVEL[tier] === 1) await addTermsByUser(tx, { userId, terms: termsOf(input.content) })
    if (inserted) await publishMemoryEvent(tx, { user_id: userId, memory_id: id, kind: 'created' })
    if (!inserted) {
      // Another request with the same client id committed first: answer with its memory.
      const existing = await getMemoryByClientId(tx, { userId, clientId: input.client_id! })
      if (!existing) throw new AppError('conflict:memory', { message: 'This capture is being stored by another request; retry.' })
      return { memory: await view(tx, principal, existing), classification: null, created: false }
    }
    // Forced below what the classifier is sure of (past its own threshold): offer the move.
    const sure = input.tier && TIER_LEVEL[classification.tier] > TIER_LEVEL[input.tier] && classification.confidence >= THRESHOLDS[classification.tier]
    return { memory: await view(tx, principal, inserted), classification, created: true, ...(sure ? { suggestedTier: classification.tier } : {}) }
  })
}

function encodeCursor(row: Memory): string {
  return listCursor(row.createdAt.toISOString(), row.id)
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string]
    const date = new Date(createdAt)
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad cursor')
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

async function loadOwn(tx: DbExecutor, userId: string, id: string): Promise<Memory> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await getMemoryById(tx, { userId, id }) : undefined
  // Another user's id answers exactly like a missing one: 404, never 403.
  if (!row || row.deletedAt) throw new AppError('not_found:memory', { message: 'No such memory.' })
  return row
}

async function denied(principal: Principal, row: Memory, info?: RequestInfo): Promise<never> {
  await recordAccess({ userId: principal.user.id, action: 'memory.read', tier: row.tier, success: false, ...info, riskScore: 0.3, details: { id: row.id, reason: 'locked' } })
  assertCanRead(principal, row.tier)
  throw new AppError('forbidden:tier')
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
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null
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

/**
 * Edits content, tier and tags. New content is re-classified unless a tier is given; a tier
 * the user picks that differs from the current one is a correction the classifier learns.
 */
export async function updateMemory(principal: Principal, id: string, input: UpdateInput, info?: RequestInfo): Promise<MemoryView> {
  if (input.content !== undefined && [...input.content].length > MAX_CONTENT) throw tooLong(input.content)
  const userId = principal.user.id
  const existing = await withUser(userId, (tx) => loadOwn(tx, userId, id))
  if (!canRead(principal, existing.tier)) await denied(principal, existing, info)
  if (input.tier && TIER_LEVEL[input.tier] > principal.user.maxTier) {
    throw new AppError('forbidden:tier', { message: `Your account may not use the ${input.tier} tier.`, details: { tier: input.tier, unlock: 'none' } })
  }
  const updated = await withUser(userId, async (tx) => {
    const row = await loadOwn(tx, userId, id)
    const body = await readBody(tx, row)
    let tier = row.tier
    let next: MemoryBody = { ...body }
    let meta: { confidence: number | null; model: string | null } = { confidence: row.confidence, model: row.model }

    if (input.content !== undefined && input.content !== body.content) {
      next.content = input.content
      if (!input.tier) {
        const c = await classifyFor(tx, principal.user, input.content, new Date())
        tier = c.tier
        next = { ...next, tags: c.tags, emotion: { ...c.emotion }, entities: { ...c.entities, detectors: c.detectors.map(({ kind, start, end }) => ({ kind, start, end })) }, reasoning: c.reasoning }
        meta = { confidence: c.confidence, model: c.model }
      }
    }
    if (input.tier && input.tier !== row.tier) {
      await recordCorrection(tx, { userId, memoryId: row.id, from: row.tier, to: input.tier, content: next.content })
      tier = input.tier
      next.reasoning = `You moved it from ${row.tier} to ${input.tier}.`
      meta = { confidence: 1, model: 'user' }
    }
    if (input.tags) next.tags = [...new Set(input.tags.map((t) => t.toLowerCase()))]

    const embedding = await embedText(next.content)
    const saved = await updateMemoryById(tx, {
      userId,
      id,
      values: {
        tier,
        securityLevel: TIER_LEVEL[tier],
        ...meta,
        ...(await bodyColumns(tx, { userId, memoryId: id, tier }, next)),
        ...(await embeddingColumns(tx, { userId, memoryId: id, tier }, embedding)),
      },
    })
    if (!saved) throw new AppError('not_found:memory', { message: 'No such memory.' })
    // Keep the search vocabulary to tier-1 words: a memory moved into a protected tier takes its words out.
    if (TIER_LEVEL[row.tier] === 1) await removeTermsByUser(tx, { userId, terms: termsOf(body.content) })
    if (TIER_LEVEL[tier] === 1) await addTermsByUser(tx, { userId, terms: termsOf(next.content) })
    await publishMemoryEvent(tx, { user_id: userId, memory_id: id, kind: tier === row.tier ? 'updated' : 'moved' })
    return { row: saved, body: next }
  })
  if (TIER_LEVEL[existing.tier] >= 2 || TIER_LEVEL[updated.row.tier] >= 2) {
    await recordAccess({ userId, action: 'memory.update', tier: updated.row.tier, success: true, ...info, details: { id, from: existing.tier, to: updated.row.tier } })
  }
  // Moved into a tier this caller has not unlocked: from now on it shows locked.
  return canRead(principal, updated.row.tier) ? publicMemory(updated.row, updated.body) : lockedMemory(updated.row)
}

/** Soft delete: gone from every list at once, restorable for 30 days, then purged. */
export async function deleteMemory(principal: Principal, id: string): Promise<void> {
  const userId = principal.user.id
  const done = await withUser(userId, async (tx) => {
    const row = await loadOwn(tx, userId, id)
    const deleted = await softDeleteMemoryById(tx, { userId, id })
    if (deleted && TIER_LEVEL[row.tier] === 1) await removeTermsByUser(tx, { userId, terms: termsOf(row.content ?? '') })
    if (deleted) await publishMemoryEvent(tx, { user_id: userId, memory_id: id, kind: 'deleted' })
    return deleted
  })
  if (!done) throw new AppError('not_found:memory', { message: 'No such memory.' })
}

export async function restoreMemory(principal: Principal, id: string): Promise<void> {
  const userId = principal.user.id
  const done =
    /^[0-9a-f-]{36}$/i.test(id) &&
    (await withUser(userId, async (tx) => {
      const restored = await restoreMemoryById(tx, { userId, id })
      const row = restored ? await getMemoryById(tx, { userId, id }) : undefined
      if (row && TIER_LEVEL[row.tier] === 1) await addTermsByUser(tx, { userId, terms: termsOf(row.content ?? '') })
      if (restored) await publishMemoryEvent(tx, { user_id: userId, memory_id: id, kind: 'restored' })
      return restored
    }))
  if (!done) throw new AppError('not_found:memory', { message: 'Nothing to restore: no deleted memory with that id.' })
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
