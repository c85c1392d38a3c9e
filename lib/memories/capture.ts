// Capture and edit, in the order that keeps a connection free while a model thinks: a replayed
// client id is answered first; the classifier's context (tags, corrections) comes in a short
// read; classification and embedding (possibly remote calls, seconds) run outside any
// transaction; then one write transaction stores the memory, its search terms, the after-capture
// job and the live event; the answer is built from what is in hand, never read back.
import { randomUUID } from 'node:crypto'
import type { CaptureInput, UpdateInput } from '@/lib/memories/schema'
import { MAX_CONTENT } from '@/lib/memories/schema'
import { getMemoryByClientId, getMemoryById, insertMemory, updateMemoryById } from '@/db/queries/memories'
import { addTermsByUser, removeTermsByUser, termsOf } from '@/db/queries/memory-terms'
import type { DbExecutor } from '@/db'
import type { Memory } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { recordAccess } from '@/lib/audit'
import type { Principal } from '@/lib/auth/principal-type'
import { classify, type Classification, type ClassifyContext } from '@/lib/classify'
import { detectorFloor } from '@/lib/classify/detectors'
import { THRESHOLDS } from '@/lib/classify/schema'
import { embedText } from '@/lib/embeddings'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { enqueueInTransaction, getQueue } from '@/lib/jobs'
import { publishMemoryEvent } from '@/lib/live/publish'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'
import { countCapture } from '@/lib/metrics'
import { canRead } from './access'
import { contextFor, contextIn } from './classify-only'
import { recordCorrection } from './corrections'
import { denied, loadOwn, view, type MemoryView } from './read'
import { bodyColumns, embeddingColumns, readBody, type MemoryBody } from './sealed'
import { deletedMemory, lockedMemory, publicMemory, type DeletedMemory } from './serialize'

function tooLong(content: string): AppError {
  return new AppError('payload_too_large:memory', {
    message: `A memory holds at most ${MAX_CONTENT.toLocaleString('en')} characters (this one has ${[...content].length.toLocaleString('en')}).`,
    fieldErrors: { content: [`At most ${MAX_CONTENT} characters.`] },
  })
}

function bodyOf(content: string, c: Classification, reasoning = c.reasoning): MemoryBody {
  return {
    content,
    tags: c.tags,
    emotion: { ...c.emotion },
    entities: { ...c.entities, detectors: c.detectors.map(({ kind, start, end }) => ({ kind, start, end })) },
    reasoning,
  }
}

export interface CaptureResult {
  /** Deleted: a replayed client id whose memory was deleted since (it is not brought back). */
  memory: MemoryView | DeletedMemory
  classification: Classification | null
  /** false when the client id was seen before and the first memory is returned. */
  created: boolean
  /** A more protective tier the classifier is sure of, when the writer forced a lower one. */
  suggestedTier?: Tier
}

/** What a replayed client id answers: the memory stored first, or that it was deleted since (nothing of it). */
async function replayView(tx: DbExecutor, principal: Principal, row: Memory): Promise<MemoryView | DeletedMemory> {
  return row.deletedAt ? deletedMemory({ ...row, deletedAt: row.deletedAt }) : view(tx, principal, row)
}

/** The memory stored under a client id, as a replayed capture answers it; null when none is. */
async function replayed(principal: Principal, clientId: string): Promise<CaptureResult | null> {
  const userId = principal.user.id
  return withUser(userId, async (tx) => {
    const existing = await getMemoryByClientId(tx, { userId, clientId })
    return existing ? { memory: await replayView(tx, principal, existing), classification: null, created: false } : null
  })
}

/** Stores a new memory; replaying a `client_id` returns the first one (even under a race). */
/** The account may not use tiers above its highest (an admin's choice), neither by choice nor by the classifier. */
function assertAccountTier(principal: Principal, tier: Tier | undefined) {
  if (tier && TIER_LEVEL[tier] > principal.user.maxTier) {
    throw new AppError('forbidden:tier', { message: `Your account may not use the ${tier} tier.`, details: { tier, unlock: 'none' } })
  }
}

const HIGHEST_AT_LEVEL: Record<1 | 2 | 3 | 4, Tier> = { 1: 'general', 2: 'confidential', 3: 'secret', 4: 'ultrasecret' }

/**
 * The account's highest tier when the classifier placed a message above it (where it could never
 * be opened), else undefined. It stays encrypted there when that tier is protected; but a
 * message a detector proved sensitive (a PIN, a card) is never stored in plaintext: for an
 * account an admin limited to tier 1 it is refused, and nothing is stored.
 */
function cappedTier(principal: Principal, c: Classification): Tier | undefined {
  if (TIER_LEVEL[c.tier] <= principal.user.maxTier) return undefined
  const proved = detectorFloor(c.detectors)
  if (proved && TIER_LEVEL[proved] >= 2 && principal.user.maxTier < 2) {
    const kinds = [...new Set(c.detectors.filter((d) => d.floor === proved).map((d) => d.kind.replace(/_/g, ' ')))].join(', ')
    throw new AppError('forbidden:tier', {
      message: `This message holds a ${kinds}, which is never stored in plaintext, and your account may not use protected tiers. It was not stored.`,
      details: { tier: proved, unlock: 'none' },
    })
  }
  return HIGHEST_AT_LEVEL[principal.user.maxTier as 1 | 2 | 3 | 4]
}

const cappedNote = (tier: Tier) => ` Your account's highest tier is ${tier}, so it is kept there.`

export async function captureMemory(principal: Principal, input: CaptureInput, defaultSource: CaptureInput['source'] = 'api'): Promise<CaptureResult> {
  if ([...input.content].length > MAX_CONTENT) throw tooLong(input.content)
  assertAccountTier(principal, input.tier)
  const userId = principal.user.id
  // One short read: the memory a replayed client id already stored, else the classifier's context.
  const read = await withUser(userId, async (tx): Promise<{ first: CaptureResult } | { context: ClassifyContext }> => {
    const existing = input.client_id ? await getMemoryByClientId(tx, { userId, clientId: input.client_id }) : undefined
    if (existing) return { first: { memory: await replayView(tx, principal, existing), classification: null, created: false } }
    return { context: await contextIn(tx, principal) }
  })
  if ('first' in read) return read.first
  const { context } = read
  const now = new Date()
  const [classification, embedding] = await Promise.all([classify(input.content, { ...context, now }), embedText(input.content), getQueue()])
  // Above the account's highest tier, the memory could never be opened: it stays at that highest.
  const capped = input.tier ? undefined : cappedTier(principal, classification)
  const tier: Tier = input.tier ?? capped ?? classification.tier
  const id = randomUUID()
  const reasoning =
    input.tier && input.tier !== classification.tier
      ? `You chose ${input.tier}. ${classification.reasoning}`
      : capped
        ? classification.reasoning + cappedNote(capped)
        : classification.reasoning
  const body = bodyOf(input.content, classification, reasoning)
  const occurredAt = input.occurred_at ? new Date(input.occurred_at) : classification.occurred_at ? new Date(classification.occurred_at) : now
  const inserted = await withUser(userId, async (tx) => {
    const row = await insertMemory(tx, {
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
    if (!row) return null
    if (TIER_LEVEL[tier] === 1) await addTermsByUser(tx, { userId, terms: termsOf(input.content) })
    await enqueueInTransaction(tx, 'after-capture', { user_id: userId, memory_id: id }, { singletonKey: id })
    await publishMemoryEvent(tx, { user_id: userId, memory_id: id, kind: 'created' })
    return row
  })
  if (!inserted) {
    // Another request with the same client id committed first: answer with its memory.
    const first = await replayed(principal, input.client_id!)
    if (!first) throw new AppError('conflict:memory', { message: 'This capture is being stored by another request; retry.' })
    return first
  }
  countCapture({ source: input.source ?? defaultSource, tier })
  // Forced below what the classifier is sure of (past its own threshold): offer the move.
  const sure = input.tier && TIER_LEVEL[classification.tier] > TIER_LEVEL[input.tier] && classification.confidence >= THRESHOLDS[classification.tier]
  const memory = canRead(principal, tier) ? publicMemory(inserted, body) : lockedMemory(inserted)
  return { memory, classification, created: true, ...(sure ? { suggestedTier: classification.tier } : {}) }
}

/**
 * Edits content, tier and tags. New content is re-classified unless a tier is given; a tier
 * the user picks that differs from the current one is a correction the classifier learns.
 */
export async function updateMemory(principal: Principal, id: string, input: UpdateInput, info?: RequestInfo): Promise<MemoryView> {
  if (input.content !== undefined && [...input.content].length > MAX_CONTENT) throw tooLong(input.content)
  for (let attempt = 1; ; attempt++) {
    try {
      return await updateFromLatest(principal, id, input, info)
    } catch (error) {
      if (!(error instanceof ChangedMeanwhile)) throw error
      if (attempt === UPDATE_ATTEMPTS) throw new AppError('conflict:memory', { message: 'This memory kept changing while it was being saved; try again.' })
    }
  }
}

/** How the reasoning of an edit that kept its tier begins (the timeline's message reads it). */
export const KEPT_ON_EDIT = 'Kept in'

/** Whether an edited memory stayed in its tier though its new text reads lower. */
export function keptOnEdit(memory: MemoryView): boolean {
  return 'reasoning' in memory && typeof memory.reasoning === 'string' && memory.reasoning.startsWith(`${KEPT_ON_EDIT} `)
}

/** Another write reached the memory between this update's read and its write. */
class ChangedMeanwhile extends Error {}
const UPDATE_ATTEMPTS = 3

/**
 * One attempt: read the memory, work out its new row, and write it only if nobody wrote it in
 * between. Otherwise a move to secret racing a tag edit could come back as general, in plaintext,
 * from the edit's stale read.
 */
async function updateFromLatest(principal: Principal, id: string, input: UpdateInput, info?: RequestInfo): Promise<MemoryView> {
  const userId = principal.user.id
  const existing = await withUser(userId, (tx) => loadOwn(tx, userId, id))
  if (!canRead(principal, existing.tier)) await denied(principal, existing, info)
  assertAccountTier(principal, input.tier)
  const body = await withUser(userId, (tx) => readBody(tx, existing))
  let tier = existing.tier
  let next: MemoryBody = { ...body }
  let meta: { confidence: number | null; model: string | null } = { confidence: existing.confidence, model: existing.model }
  const contentChanged = input.content !== undefined && input.content !== body.content
  if (contentChanged) {
    next.content = input.content!
    if (!input.tier) {
      const c = await classify(next.content, { ...(await contextFor(principal)), now: new Date() })
      const capped = cappedTier(principal, c)
      const classified = capped ?? c.tier
      if (TIER_LEVEL[classified] >= TIER_LEVEL[existing.tier]) {
        tier = classified
        next = bodyOf(next.content, c, capped ? c.reasoning + cappedNote(capped) : c.reasoning)
        meta = { confidence: c.confidence, model: c.model }
      } else {
        // An edit never lowers a memory's protection: fixing a typo in a secret must not unseal
        // it into plaintext. Only the user's own move takes it lower.
        next = bodyOf(next.content, c, `${KEPT_ON_EDIT} ${existing.tier}: an edit never lowers a memory's tier (the new text reads as ${classified}); move it to change its tier.`)
      }
    }
  }
  if (input.tier && input.tier !== existing.tier) {
    tier = input.tier
    next.reasoning = `You moved it from ${existing.tier} to ${input.tier}.`
    meta = { confidence: 1, model: 'user' }
  }
  if (input.tags) next.tags = [...new Set(input.tags.map((t) => t.toLowerCase()))]
  // New words, or a move that seals or unseals it, need the embedding again (outside the transaction).
  const embedding = contentChanged || tier !== existing.tier ? await embedText(next.content) : null

  const saved = await withUser(userId, async (tx) => {
    if (input.tier && input.tier !== existing.tier) {
      await recordCorrection(tx, { userId, memoryId: id, from: existing.tier, to: input.tier, content: next.content })
    }
    const row = await updateMemoryById(tx, {
      userId,
      id,
      values: {
        tier,
        securityLevel: TIER_LEVEL[tier],
        ...meta,
        ...(await bodyColumns(tx, { userId, memoryId: id, tier }, next)),
        ...(embedding ? await embeddingColumns(tx, { userId, memoryId: id, tier }, embedding) : {}),
      },
      unchangedSince: existing.updatedAt,
    })
    if (!row) {
      // Written meanwhile (try again from what is there now), or deleted meanwhile (404).
      const now = await getMemoryById(tx, { userId, id })
      if (now && !now.deletedAt) throw new ChangedMeanwhile()
      return null
    }
    // Keep the search vocabulary to tier-1 words: a memory moved into a protected tier takes its words out.
    if (TIER_LEVEL[existing.tier] === 1) await removeTermsByUser(tx, { userId, terms: termsOf(body.content) })
    if (TIER_LEVEL[tier] === 1) await addTermsByUser(tx, { userId, terms: termsOf(next.content) })
    await publishMemoryEvent(tx, { user_id: userId, memory_id: id, kind: tier === existing.tier ? 'updated' : 'moved' })
    return row
  })
  if (!saved) throw new AppError('not_found:memory', { message: 'No such memory.' })
  if (TIER_LEVEL[existing.tier] >= 2 || TIER_LEVEL[saved.tier] >= 2) {
    await recordAccess({ userId, action: 'memory.update', tier: saved.tier, success: true, ...info, details: { id, from: existing.tier, to: saved.tier } })
  }
  // Moved into a tier this caller has not unlocked: from now on it shows locked.
  return canRead(principal, saved.tier) ? publicMemory(saved, next) : lockedMemory(saved)
}
