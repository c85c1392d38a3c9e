// Search over the protected tiers the caller has unlocked: their memories are decrypted in
// application memory and scored with the same three signals as tier 1 (nothing of them is
// indexed in the database), for the fusion to merge.
import { and, desc, sql, type SQL } from 'drizzle-orm'
import type { DbExecutor } from '@/db'
import { memories, type Memory } from '@/db/schema'
import { cosineSimilarity } from '@/lib/embeddings'
import { readBody, readEmbedding, type MemoryBody } from '@/lib/memories/sealed'
import type { ParsedQuery } from './query'
import { MEANING_LIMIT, SEMANTIC_MIN, type Candidate, type MatchKind } from './signals'
import { stemOf, textStems, trigramWordSimilarity } from './text'
import { LEG_LIMIT } from './words'

const FUZZY_THRESHOLD = 0.45
/** How many protected memories are read and decrypted at a time (all are, batch by batch). */
const PROTECTED_BATCH = 500

export interface ProtectedHits {
  candidates: Map<string, Candidate>
  rows: Map<string, Memory>
  bodies: Map<string, MemoryBody>
}

interface Scored {
  id: string
  fts: number
  fuzzy: number
  semantic: number
}

const SIGNALS: { kind: MatchKind; value: (s: Scored) => number; min: number; limit: number }[] = [
  { kind: 'fts', value: (s) => s.fts, min: 1e-9, limit: LEG_LIMIT },
  { kind: 'fuzzy', value: (s) => s.fuzzy, min: FUZZY_THRESHOLD, limit: LEG_LIMIT },
  { kind: 'semantic', value: (s) => s.semantic, min: SEMANTIC_MIN, limit: MEANING_LIMIT },
]

/** Each signal's list: the best of `scored` (ties by id, so every batch order gives the same lists). */
function lists(scored: Scored[]): Map<MatchKind, Scored[]> {
  return new Map(
    SIGNALS.map(({ kind, value, min, limit }) => [
      kind,
      scored
        .filter((s) => value(s) >= min)
        .sort((a, b) => value(b) - value(a) || (a.id < b.id ? -1 : 1))
        .slice(0, limit),
    ]),
  )
}

function score(q: ParsedQuery, body: MemoryBody, vector: number[] | null, embedding: { vector: number[] }): Omit<Scored, 'id'> | null {
  const text = body.content.toLowerCase()
  // Words match by stem, as full text matches tier 1's ("plans" finds "planning").
  const stems = textStems(text)
  if (q.excluded.some((w) => stems.has(stemOf(w)))) return null
  const required = q.words.length + q.phrases.length
  let fts = 0
  for (const group of q.words) if (group.some((w) => stems.has(stemOf(w)))) fts++
  for (const phrase of q.phrases) if (text.includes(phrase.join(' '))) fts++
  return {
    fts: required ? fts / required : 0,
    fuzzy: q.text ? trigramWordSimilarity(q.text, text) : 0,
    semantic: vector ? cosineSimilarity(embedding.vector, vector) : 0,
  }
}

/**
 * The same three signals over decrypted memories of the tiers the caller has unlocked: every
 * one of them is read and decrypted, newest first, a batch at a time; between batches only the
 * memories still in some signal's list are kept (one that is not can never come back: later
 * memories only compete for the same places), so memory stays bounded however many there are.
 */
export async function protectedLegs(
  tx: DbExecutor,
  where: SQL,
  q: ParsedQuery,
  embedding: { vector: number[]; model: string },
  { batch = PROTECTED_BATCH }: { batch?: number } = {},
): Promise<ProtectedHits> {
  let scored: Scored[] = []
  const kept = new Map<string, { row: Memory; body: MemoryBody }>()
  // Where the last batch ended: created_at as the database writes it (a Date would lose its microseconds).
  let after: { at: string; id: string } | null = null
  for (;;) {
    const page = await tx
      .select({ row: memories, at: sql<string>`${memories.createdAt}::text` })
      .from(memories)
      .where(after ? and(where, sql`(${memories.createdAt}, ${memories.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`) : where)
      .orderBy(desc(memories.createdAt), desc(memories.id))
      .limit(batch)
    for (const { row } of page) {
      const body = await readBody(tx, row)
      const vector = row.embeddingModel === embedding.model ? await readEmbedding(tx, row) : null
      const found = score(q, body, vector, embedding)
      if (!found) continue
      scored.push({ id: row.id, ...found })
      kept.set(row.id, { row, body })
    }
    if (page.length < batch) break
    after = { at: page[page.length - 1].at, id: page[page.length - 1].row.id }
    const listed = new Set([...lists(scored).values()].flat().map((s) => s.id))
    scored = scored.filter((s) => listed.has(s.id))
    for (const id of kept.keys()) if (!listed.has(id)) kept.delete(id)
  }
  const candidates = new Map<string, Candidate>()
  for (const [kind, list] of lists(scored)) {
    list.forEach((s, i) => {
      const c = candidates.get(s.id) ?? { id: s.id, ranks: {} }
      c.ranks[kind] = i + 1
      candidates.set(s.id, c)
    })
  }
  const rows = new Map<string, Memory>()
  const bodies = new Map<string, MemoryBody>()
  for (const id of candidates.keys()) {
    const { row, body } = kept.get(id)!
    rows.set(id, row)
    bodies.set(id, body)
  }
  return { candidates, rows, bodies }
}
