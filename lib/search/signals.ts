// The tier-1 signals of hybrid search, in SQL under the user's row level security: words and
// typos (full text over the GIN index, with the per-user vocabulary), and meaning (nearest
// neighbours on the HNSW index); and the fusion candidates their lists make.
import { and, sql, type SQL } from 'drizzle-orm'
import { rowsOf, type StatementExecutor } from '@/db'
import { listQueryTermsByUser } from '@/db/queries/memory-terms'
import { EMBEDDING_DIMENSIONS, memories } from '@/db/schema'
import { anyOfOnce } from '@/db/any-of'
import type { MemoryRow } from '@/lib/memories/serialize'
import { hitColumns, hitRow, type RawHit } from './hits'
import { toTsQuery, type ParsedQuery } from './query'
import { fullText, termsOfGroups, tsQuery, weighGroups } from './words'

export type MatchKind = 'fts' | 'fuzzy' | 'semantic'

/** A memory some signal found, with its rank in each list that holds it (1 = best). */
export interface Candidate {
  id: string
  ranks: Partial<Record<MatchKind, number>>
}

/**
 * Below this cosine similarity a nearest neighbour is not counted as meaning the same. With the
 * common directions taken out of the local embedding, unrelated notes score −0.1–0.2 and related
 * ones 0.3–0.45 ("car trouble" and "my vehicle broke down": 0.34); before, both lay in 0.25–0.55.
 */
export const SEMANTIC_MIN = 0.25

/**
 * What the tier-1 signals found, best first, with the rows to show them with, and the
 * corrections of the query's typos (to mark in their highlights).
 */
export interface TierOne {
  candidates: Map<string, Candidate>
  /** The rows the lists came with, as the driver read them (hitRow makes a MemoryRow of one). */
  rows: Map<string, RawHit>
  corrections: string[]
}

/**
 * How many nearest neighbours the meaning signal hands to the fusion: fewer than the word
 * signals' 60, because the vector index's cost grows with the list and the fusion gains little
 * from the tail. On LoCoMo, 20 instead of 60 kept hybrid recall@10 (0.685 against 0.683;
 * recall@5 0.578 against 0.597), and over 100,000 memories it halved the scan (3.4–4.3 ms
 * against 6.6–7.9 on the benchmark machine, with its transaction).
 */
export const MEANING_LIMIT = 20

/**
 * How many candidates the vector index gathers per batch: twice the list, so that the first
 * batch normally still fills the list once the filters (other users' memories, other tiers,
 * the deleted) have taken theirs; the iterative scan goes on when they take more. Over
 * 100,000 memories the index's 20 hold 0.53 of the exact 20 nearest, as its 60 held of the
 * exact 60 with 80 (0.58).
 */
const MEANING_EF_SEARCH = 40
export const MEANING_SETTINGS = { 'hnsw.ef_search': String(MEANING_EF_SEARCH), 'hnsw.iterative_scan': 'relaxed_order' }

/**
 * The settings under which the words transaction runs on a server (the vocabulary, the word
 * and typo lists): with the plan each connection made the first time (a generic plan),
 * instead of planning again every time, as mnemo's connections do otherwise (db/index.ts).
 * Planning them anew cost 0.4–0.9 ms each on the benchmark machine, about as much as running
 * the cheaper ones. They are written for it: to_tsquery is computed once (tsQuery) and lists
 * are cast once (anyOfOnce), so the indexes stay usable under row level security, and each
 * reads one user's rows through an index that starts with the user, the best plan whatever
 * their number. Not so the nearest neighbours: for a user with few memories among many users'
 * a plan made for this user reads their rows and sorts them, where a plan made for anyone
 * would walk the vector index through everyone's; that statement is planned each time.
 * PGlite re-plans every statement anyway, and is left as it is.
 */
export const GENERIC_PLANS = { plan_cache_mode: 'force_generic_plan' }

/** The tier-1 filter, with "-word" excluding for every signal, not only the full-text one. */
export function tierOneWhere(filter: SQL, q: ParsedQuery): SQL {
  return q.excluded.length ? and(filter, sql`not (search_vector @@ ${tsQuery(q.excluded.join(' | '))})`)! : filter
}

/** A vocabulary that counts nothing: groups weighed by it are the groups full text can match. */
const UNCOUNTED = { documents: 0, counts: new Map<string, number>() }

/**
 * Words and typos, with one look-up of the vocabulary: the query words' counts weigh them, and
 * the words the user has never written are corrected against it (a small table with a trigram
 * index); memories holding the corrections are found by full text.
 */
export async function wordsLeg(tx: StatementExecutor, userId: string, where: SQL, q: ParsedQuery, signals: readonly MatchKind[], { wide }: { wide?: number } = {}) {
  const tsquery = toTsQuery(q)
  const groups = [...q.words, ...q.phrases.map((p) => [p.join(' <-> ')])]
  const asked = [...new Set(q.text.split(' ').filter((w) => w.length >= 4 && /^\p{L}+$/u.test(w)))]
  const wantWords = tsquery !== null && signals.includes('fts')
  const wantTypos = signals.includes('fuzzy') && asked.length > 0
  if (!wantWords && !wantTypos) return { fts: [], fuzzy: [], rows: [], corrections: [] }
  const looked = listQueryTermsByUser(tx, {
    userId,
    terms: wantWords ? termsOfGroups(groups) : [],
    correct: wantTypos ? asked : [],
  })
  // A query of one word (or phrase) ranks by ts_rank alone: how rare the word is changes no
  // place in its list, so the list is asked for at once, sent behind the vocabulary look-up
  // in the same write, instead of a round trip after it ("coffee", "what did I do at the beach").
  const alone = weighGroups(groups, UNCOUNTED)
  const early = wantWords && alone.length === 1 ? fullText(tx, where, tsquery, alone, { wide }) : null
  early?.catch(() => {})
  const { vocabulary, corrections: found } = await looked
  const corrections = [...new Set([...found.values()].flat())]
  // Both lists at once: sent together, they share one round trip to the database.
  const [fts, fuzzy] = await Promise.all([
    early ?? (wantWords ? fullText(tx, where, tsquery, weighGroups(groups, vocabulary), { wide }) : null),
    corrections.length ? fullText(tx, where, corrections.join(' | '), weighGroups(corrections.map((term) => [term]), vocabulary), { wide }) : null,
  ])
  return { fts: fts?.ids ?? [], fuzzy: fuzzy?.ids ?? [], rows: [...(fts?.rows ?? []), ...(fuzzy?.rows ?? [])], corrections }
}

/** The statement finding the nearest neighbours on the HNSW index (run with MEANING_SETTINGS), with the columns they are shown with. */
export function nearestNeighbours(where: SQL, embedding: { vector: number[]; model: string }): SQL {
  // The expression the HNSW index is built on (half precision); the query vector is sent once.
  const half = sql.raw(`halfvec(${EMBEDDING_DIMENSIONS})`)
  return sql`
    select embedding::${half} <=> ${`[${embedding.vector.join(',')}]`}::${half} as distance, ${hitColumns} from ${memories}
    where ${where} and embedding_model = ${embedding.model} and embedding is not null
    order by distance
    limit ${sql.raw(String(MEANING_LIMIT))}`
}

/** Meaning: the nearest neighbours close enough to count, best first (rows as the driver read them). */
export async function meaningLeg(tx: StatementExecutor, where: SQL, q: ParsedQuery, embedding: { vector: number[]; model: string }, signals: readonly MatchKind[]): Promise<RawHit[]> {
  if (!q.text || !signals.includes('semantic')) return []
  const rows = rowsOf<RawHit & { distance: number }>(await tx.execute(nearestNeighbours(where, embedding)))
  return rows.filter((r) => 1 - Number(r.distance) >= SEMANTIC_MIN)
}

/**
 * The rows of tier-1 memories the fusion put on the page whose lists came without them (ids
 * only past their first rows: a memory ranked low in two word lists, say). Rare.
 */
export async function tierOneRows(tx: StatementExecutor, where: SQL, ids: string[]): Promise<MemoryRow[]> {
  if (ids.length === 0) return []
  return rowsOf<RawHit>(await tx.execute(sql`select ${hitColumns} from ${memories} where ${where} and ${anyOfOnce(memories.id, ids)}`)).map(hitRow)
}

/** The signals' lists as fusion candidates. */
export function tierOneCandidates(words: { fts: string[]; fuzzy: string[]; rows: RawHit[]; corrections: string[] }, semantic: RawHit[]): TierOne {
  const candidates = new Map<string, Candidate>()
  const note = (kind: MatchKind) => (id: string, i: number) => {
    const c = candidates.get(id) ?? { id, ranks: {} }
    c.ranks[kind] = i + 1
    candidates.set(id, c)
  }
  words.fts.forEach(note('fts'))
  words.fuzzy.forEach(note('fuzzy'))
  semantic.forEach((row, i) => note('semantic')(row.id, i))
  const rows = new Map([...words.rows, ...semantic].map((row) => [row.id, row]))
  return { candidates, rows, corrections: words.corrections }
}
