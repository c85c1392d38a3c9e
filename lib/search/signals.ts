// The tier-1 signals of hybrid search, in SQL under the user's row level security: words and
// typos (full text over the GIN index, with the per-user vocabulary), and meaning (nearest
// neighbours on the HNSW index); and the fusion candidates their lists make.
import { and, sql, type SQL } from 'drizzle-orm'
import { rowsOf, type DbExecutor } from '@/db'
import { listQueryTermsByUser } from '@/db/queries/memory-terms'
import { EMBEDDING_DIMENSIONS, memories } from '@/db/schema'
import { positiveTsQuery, toTsQuery, type ParsedQuery } from './query'
import { fullText, LEG_LIMIT, termsOfGroups, weighGroups } from './words'

export type MatchKind = 'fts' | 'fuzzy' | 'semantic'

/** A memory some signal found, with its rank in each list that holds it (1 = best). */
export interface Candidate {
  id: string
  ranks: Partial<Record<MatchKind, number>>
}

/** Below this cosine similarity a nearest neighbour is not counted as meaning the same. */
export const SEMANTIC_MIN = 0.4

/** What the tier-1 signals found, best first, and the words to mark in their headlines. */
export interface TierOne {
  candidates: Map<string, Candidate>
  headlineQuery: string | null
}

/**
 * How many candidates the vector index gathers per batch: a little more than the leg's list,
 * so that the first batch normally still fills the list once the filters (other users'
 * memories, other tiers, the deleted) have taken theirs. With 60, nearly every scan went on
 * to a second batch: over 100,000 memories it read 2,960 index pages on average against
 * 2,365, and took 2.4–2.6 ms against 1.7–2.0, for the same share of the exact 60 nearest
 * (0.53 against 0.52). The iterative scan still goes on when the filters take more.
 */
const MEANING_EF_SEARCH = 80
export const MEANING_SETTINGS = { 'hnsw.ef_search': String(MEANING_EF_SEARCH), 'hnsw.iterative_scan': 'relaxed_order' }

/** The tier-1 filter, with "-word" excluding for every signal, not only the full-text one. */
export function tierOneWhere(filter: SQL, q: ParsedQuery): SQL {
  return q.excluded.length ? and(filter, sql`not (search_vector @@ to_tsquery('english', ${q.excluded.join(' | ')}))`)! : filter
}

/**
 * Words and typos, with one look-up of the vocabulary: the query words' counts weigh them, and
 * the words the user has never written are corrected against it (a small table with a trigram
 * index); memories holding the corrections are found by full text.
 */
export async function wordsLeg(tx: DbExecutor, userId: string, where: SQL, q: ParsedQuery, signals: readonly MatchKind[]) {
  const tsquery = toTsQuery(q)
  const groups = [...q.words, ...q.phrases.map((p) => [p.join(' <-> ')])]
  const asked = [...new Set(q.text.split(' ').filter((w) => w.length >= 4 && /^\p{L}+$/u.test(w)))]
  const wantWords = tsquery !== null && signals.includes('fts')
  const wantTypos = signals.includes('fuzzy') && asked.length > 0
  if (!wantWords && !wantTypos) return { fts: [], fuzzy: [], corrections: [] }
  const { vocabulary, corrections: found } = await listQueryTermsByUser(tx, {
    userId,
    terms: wantWords ? termsOfGroups(groups) : [],
    correct: wantTypos ? asked : [],
  })
  const fts = wantWords ? (await fullText(tx, where, tsquery, weighGroups(groups, vocabulary))).ids : []
  const corrections = [...new Set([...found.values()].flat())]
  const fuzzy = corrections.length
    ? (await fullText(tx, where, corrections.join(' | '), weighGroups(corrections.map((term) => [term]), vocabulary))).ids
    : []
  return { fts, fuzzy, corrections }
}

/** Meaning: the nearest neighbours on the HNSW index (run with MEANING_SETTINGS). */
export async function meaningLeg(tx: DbExecutor, where: SQL, q: ParsedQuery, embedding: { vector: number[]; model: string }, signals: readonly MatchKind[]) {
  if (!q.text || !signals.includes('semantic')) return []
  // The expression the HNSW index is built on (half precision); the query vector is sent once.
  const half = sql.raw(`halfvec(${EMBEDDING_DIMENSIONS})`)
  const rows = rowsOf<{ id: string; distance: number }>(
    await tx.execute(sql`
      select id, embedding::${half} <=> ${`[${embedding.vector.join(',')}]`}::${half} as distance from ${memories}
      where ${where} and embedding_model = ${embedding.model} and embedding is not null
      order by distance
      limit ${LEG_LIMIT}`),
  )
  return rows.filter((r) => 1 - Number(r.distance) >= SEMANTIC_MIN).map((r) => r.id)
}

/** The signals' lists as fusion candidates, with the words their headlines mark. */
export function tierOneCandidates(q: ParsedQuery, words: { fts: string[]; fuzzy: string[]; corrections: string[] }, semantic: string[]): TierOne {
  const candidates = new Map<string, Candidate>()
  const note = (kind: MatchKind) => (id: string, i: number) => {
    const c = candidates.get(id) ?? { id, ranks: {} }
    c.ranks[kind] = i + 1
    candidates.set(id, c)
  }
  words.fts.forEach(note('fts'))
  words.fuzzy.forEach(note('fuzzy'))
  semantic.forEach(note('semantic'))
  const headlineTerms = [...(words.fts.length ? [positiveTsQuery(q)!] : []), ...(words.fuzzy.length ? words.corrections : [])]
  return { candidates, headlineQuery: headlineTerms.length ? headlineTerms.join(' | ') : null }
}
