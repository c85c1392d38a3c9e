// What a protected memory seals: every field derived from its words. Tier 1 keeps these in
// plain columns; tier >= 2 keeps them only inside the ciphertext.
import type { DbExecutor } from '@/db'
import type { Memory, NewMemory } from '@/db/schema'
import { isProtected, openJson, openPacked, sealJson, sealPacked, type ProtectedTier } from '@/lib/crypto'
import { bytesToVector, vectorToBytes, type Embedding } from '@/lib/embeddings'
import type { Tier } from '@/lib/tiers'

export interface MemoryBody {
  content: string
  tags: string[]
  emotion: Record<string, unknown> | null
  entities: Record<string, unknown> | null
  reasoning: string | null
}

/** The columns that hold a memory's body for its tier. */
export async function bodyColumns(
  db: DbExecutor,
  { userId, memoryId, tier }: { userId: string; memoryId: string; tier: Tier },
  body: MemoryBody,
): Promise<Pick<NewMemory, 'content' | 'tags' | 'emotion' | 'entities' | 'reasoning' | 'ciphertext' | 'nonce'>> {
  if (!isProtected(tier)) {
    return { ...body, ciphertext: null, nonce: null }
  }
  const sealed = await sealJson(db, { userId, rowId: memoryId, tier, purpose: 'memory' }, body)
  return { content: null, tags: [], emotion: null, entities: null, reasoning: null, ciphertext: sealed.ciphertext, nonce: sealed.nonce }
}

/** The body of a tier-1 memory, which is stored in the clear. */
export function plainBody(row: Pick<Memory, 'content' | 'tags' | 'emotion' | 'entities' | 'reasoning'>): MemoryBody {
  return { content: row.content ?? '', tags: row.tags, emotion: row.emotion ?? null, entities: row.entities ?? null, reasoning: row.reasoning ?? null }
}

/** The body of a stored memory (decrypting a protected one; the caller checked the unlock). */
export async function readBody(db: DbExecutor, row: Memory): Promise<MemoryBody> {
  if (!isProtected(row.tier)) return plainBody(row)
  if (!row.ciphertext || !row.nonce) throw new Error(`memory ${row.id} has no ciphertext`)
  return openJson<MemoryBody>(db, { userId: row.userId, rowId: row.id, tier: row.tier as ProtectedTier, purpose: 'memory' }, { nonce: row.nonce, ciphertext: row.ciphertext })
}

/** The columns that hold a memory's embedding: the vector (tier 1) or its sealed bytes. */
export async function embeddingColumns(
  db: DbExecutor,
  { userId, memoryId, tier }: { userId: string; memoryId: string; tier: Tier },
  embedding: Embedding,
): Promise<Pick<NewMemory, 'embedding' | 'embeddingEnc' | 'embeddingModel'>> {
  if (!isProtected(tier)) return { embedding: embedding.vector, embeddingEnc: null, embeddingModel: embedding.model }
  const sealed = await sealPacked(db, { userId, rowId: memoryId, tier, purpose: 'embedding' }, vectorToBytes(embedding.vector))
  return { embedding: null, embeddingEnc: sealed, embeddingModel: embedding.model }
}

/** The embedding of a protected memory (the caller checked the unlock). */
export async function readEmbedding(db: DbExecutor, row: Memory): Promise<number[] | null> {
  if (!isProtected(row.tier)) return row.embedding ?? null
  if (!row.embeddingEnc) return null
  const bytes = await openPacked(db, { userId: row.userId, rowId: row.id, tier: row.tier as ProtectedTier, purpose: 'embedding' }, row.embeddingEnc)
  return bytesToVector(bytes)
}
