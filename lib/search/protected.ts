// Search over the protected tiers the caller has unlocked: their memories are decrypted in
// application memory and scored with the same three signals as tier 1 (nothing of them is
// indexed in the database), for the fusion to merge.
import type { SQL } from 'drizzle-orm'
import type { DbExecutor } from '@/db'
import { memories, type Memory } from '@/db/schema'
import { cosineSimilarity } from '@/lib/embeddings'
import { readBody, readEmbedding, type MemoryBody } from '@/lib/memories/sealed'
import type { ParsedQuery } from './query'
import { MEANING_LIMIT, SEMANTIC_MIN, type Candidate, type MatchKind } from './signals'
import { trigramWordSimilarity } from './text'
import { LEG_LIMIT } from './words'

const FUZZY_THRESHOLD = 0.45
const PROTECTED_SCAN_LIMIT = 5_000

export interface ProtectedHits {
  candidates: Map<string, Candidate>
  rows: Map<string, Memory>
  bodies: Map<string, MemoryBody>
}

/** The same three signals over decrypted memories of the tiers the caller has unlocked. */
export async function protectedLegs(tx: DbExecutor, where: SQL, q: ParsedQuery, embedding: { vector: number[]; model: string }): Promise<ProtectedHits> {
  const rows = await tx.select().from(memories).where(where).limit(PROTECTED_SCAN_LIMIT)
  const scored: { id: string; fts: number; fuzzy: number; semantic: number }[] = []
  const bodies = new Map<string, MemoryBody>()
  const byId = new Map<string, Memory>()
  const required = q.words.length + q.phrases.length
  for (const row of rows) {
    const body = await readBody(tx, row)
    const text = body.content.toLowerCase()
    const tokens = new Set(text.match(/[\p{L}\p{N}]+/gu) ?? [])
    if (q.excluded.some((w) => tokens.has(w))) continue
    let fts = 0
    for (const group of q.words) if (group.some((w) => tokens.has(w) || [...tokens].some((t) => t.length > 4 && t.startsWith(w) && w.length >= 4))) fts++
    for (const phrase of q.phrases) if (text.includes(phrase.join(' '))) fts++
    const fuzzy = q.text ? trigramWordSimilarity(q.text, text) : 0
    const vector = row.embeddingModel === embedding.model ? await readEmbedding(tx, row) : null
    const semantic = vector ? cosineSimilarity(embedding.vector, vector) : 0
    bodies.set(row.id, body)
    byId.set(row.id, row)
    scored.push({ id: row.id, fts: required ? fts / required : 0, fuzzy, semantic })
  }
  const candidates = new Map<string, Candidate>()
  const rank = (kind: MatchKind, value: (s: (typeof scored)[number]) => number, min: number, limit = LEG_LIMIT) => {
    scored
      .filter((s) => value(s) >= min)
      .sort((a, b) => value(b) - value(a))
      .slice(0, limit)
      .forEach((s, i) => {
        const c = candidates.get(s.id) ?? { id: s.id, ranks: {} }
        c.ranks[kind] = i + 1
        candidates.set(s.id, c)
      })
  }
  rank('fts', (s) => s.fts, 1e-9)
  rank('fuzzy', (s) => s.fuzzy, FUZZY_THRESHOLD)
  rank('semantic', (s) => s.semantic, SEMANTIC_MIN, MEANING_LIMIT)
  return { candidates, rows: byId, bodies }
}
