// Hybrid search (DESIGN.md 3). Tier 1 in SQL: full text with synonyms (GIN), trigram word
// similarity for typos (GIN), and nearest neighbours on the embedding (HNSW), fused by
// reciprocal rank fusion. Unlocked protected tiers are decrypted and scored in memory with the
// same three signals, then merged. Locked tiers are never searched and never hinted at.
import { and, eq, getTableColumns, gte, isNull, lte, sql, type SQL } from 'drizzle-orm'
import { getDb, hasConcurrentTransactions, rowsOf, type DbExecutor } from '@/db'
import { anyOf } from '@/db/any-of'
import { listQueryTermsByUser } from '@/db/queries/memory-terms'
import { EMBEDDING_DIMENSIONS, memories, type Memory } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { recordAccess } from '@/lib/audit'
import type { Principal } from '@/lib/auth/principal'
import { cosineSimilarity, embedText } from '@/lib/embeddings'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { canRead } from '@/lib/memories/access'
import { plainBody, readBody, readEmbedding, type MemoryBody } from '@/lib/memories/sealed'
import { publicMemory, type MemoryRow, type PublicMemory } from '@/lib/memories/serialize'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'
import { hasSearchableWords, parseQuery, positiveTsQuery, toTsQuery, type ParsedQuery } from './query'
import { highlight, markHeadline, trigramWordSimilarity } from './text'
import { fullText, LEG_LIMIT, termsOfGroups, weighGroups } from './words'

export type MatchKind = 'fts' | 'fuzzy' | 'semantic'

export interface SearchInput {
  query: string
  tiers?: Tier[]
  from?: string
  to?: string
  tags?: string[]
  source?: Memory['source']
  limit: number
  offset: number
  /** Which signals to use (all by default); benchmarks compare full text alone with hybrid. */
  signals?: MatchKind[]
}

/** Milliseconds spent in each part of one search, for the Server-Timing header and benchmarks. */
export type SearchTimings = Partial<Record<'words' | 'meaning' | 'protected' | 'page' | 'total', number>>

/** Runs work and notes how long it took under `name`. */
async function timed<T>(timings: SearchTimings | undefined, name: keyof SearchTimings, work: Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await work
  if (timings) timings[name] = performance.now() - started
  return result
}

export interface SearchHit {
  memory: PublicMemory
  score: number
  highlights: string[]
  matched_by: MatchKind[]
}

const ALL_SIGNALS: readonly MatchKind[] = ['fts', 'fuzzy', 'semantic']
const RRF_K = 60
const FUZZY_THRESHOLD = 0.45
const SEMANTIC_MIN = 0.4
const PROTECTED_SCAN_LIMIT = 5_000

// A hit shows neither its vector nor its tsvector: reading them back as text costs more than the rest of the row.
const { embedding: _vector, searchVector: _tsvector, ...PAGE_COLUMNS } = getTableColumns(memories)

interface Candidate {
  id: string
  ranks: Partial<Record<MatchKind, number>>
}

function dateRange(input: SearchInput): { from?: Date; to?: Date } {
  const from = input.from ? new Date(input.from) : undefined
  const to = input.to ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(input.to) ? `${input.to}T23:59:59.999Z` : input.to) : undefined
  if (from && to && from > to) {
    throw new AppError('bad_request:search', { message: 'The date range ends before it starts.', fieldErrors: { to: ['Must not be before from.'] } })
  }
  return { from, to }
}

function filters(userId: string, input: SearchInput, tiers: Tier[], range: { from?: Date; to?: Date }): SQL {
  const conditions: (SQL | undefined)[] = [eq(memories.userId, userId), isNull(memories.deletedAt), anyOf(memories.tier, tiers)]
  if (range.from) conditions.push(gte(memories.occurredAt, range.from))
  if (range.to) conditions.push(lte(memories.occurredAt, range.to))
  if (input.source) conditions.push(eq(memories.source, input.source))
  if (input.tags?.length) conditions.push(sql`${memories.tags} && ${sql.param(input.tags)}::text[]`)
  return and(...conditions)!
}

/** What the tier-1 signals found, best first, and the words to mark in their headlines. */
interface TierOne {
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
const MEANING_SETTINGS = { 'hnsw.ef_search': String(MEANING_EF_SEARCH), 'hnsw.iterative_scan': 'relaxed_order' }

/** The tier-1 filter, with "-word" excluding for every signal, not only the full-text one. */
function tierOneWhere(filter: SQL, q: ParsedQuery): SQL {
  return q.excluded.length ? and(filter, sql`not (search_vector @@ to_tsquery('english', ${q.excluded.join(' | ')}))`)! : filter
}

/**
 * Words and typos, with one look-up of the vocabulary: the query words' counts weigh them, and
 * the words the user has never written are corrected against it (a small table with a trigram
 * index); memories holding the corrections are found by full text.
 */
async function wordsLeg(tx: DbExecutor, userId: string, where: SQL, q: ParsedQuery, signals: readonly MatchKind[]) {
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
async function meaningLeg(tx: DbExecutor, where: SQL, q: ParsedQuery, embedding: { vector: number[]; model: string }, signals: readonly MatchKind[]) {
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
function tierOneCandidates(q: ParsedQuery, words: { fts: string[]; fuzzy: string[]; corrections: string[] }, semantic: string[]): TierOne {
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

/** A memory this short is shown whole, its matches marked; a longer one by its best fragments. */
const SHORT_MEMORY = 160

interface PageRow {
  row: MemoryRow
  /** ts_headline (⟪…⟫-marked) when the memory matched by words; computed for the page only. */
  headline: string | null
}

/** The page's tier-1 rows (without vector and tsvector) and their headlines, in one statement. */
async function pageRows(tx: DbExecutor, userId: string, ids: string[], wordMatched: Set<string>, tsquery: string | null): Promise<Map<string, PageRow>> {
  const marked = tsquery ? ids.filter((id) => wordMatched.has(id)) : []
  const headline = marked.length
    ? sql<string | null>`case when not (${anyOf(memories.id, marked)}) then null
        when length(${memories.content}) <= ${SHORT_MEMORY} then ts_headline('english', ${memories.content}, to_tsquery('english', ${tsquery}), 'StartSel=⟪, StopSel=⟫, HighlightAll=true')
        else ts_headline('english', ${memories.content}, to_tsquery('english', ${tsquery}), 'StartSel=⟪, StopSel=⟫, MaxWords=24, MinWords=8, MaxFragments=2') end`
    : sql<string | null>`null`
  const rows = await tx.select({ ...PAGE_COLUMNS, headline }).from(memories).where(and(eq(memories.userId, userId), anyOf(memories.id, ids)))
  return new Map(rows.map(({ headline, ...row }) => [row.id, { row, headline }]))
}

interface ProtectedHits {
  candidates: Map<string, Candidate>
  rows: Map<string, Memory>
  bodies: Map<string, MemoryBody>
}

/** The same three signals over decrypted memories of the tiers the caller has unlocked. */
async function protectedLegs(tx: DbExecutor, where: SQL, q: ParsedQuery, embedding: { vector: number[]; model: string }): Promise<ProtectedHits> {
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
  const rank = (kind: MatchKind, value: (s: (typeof scored)[number]) => number, min: number) => {
    scored
      .filter((s) => value(s) >= min)
      .sort((a, b) => value(b) - value(a))
      .slice(0, LEG_LIMIT)
      .forEach((s, i) => {
        const c = candidates.get(s.id) ?? { id: s.id, ranks: {} }
        c.ranks[kind] = i + 1
        candidates.set(s.id, c)
      })
  }
  rank('fts', (s) => s.fts, 1e-9)
  rank('fuzzy', (s) => s.fuzzy, FUZZY_THRESHOLD)
  rank('semantic', (s) => s.semantic, SEMANTIC_MIN)
  return { candidates, rows: byId, bodies }
}

function fuse(candidate: Candidate): number {
  return Object.values(candidate.ranks).reduce((sum, rank) => sum + 1 / (RRF_K + rank), 0)
}

export async function search(principal: Principal, input: SearchInput, info?: RequestInfo, timings?: SearchTimings): Promise<{ items: SearchHit[] }> {
  const started = performance.now()
  const q = parseQuery(input.query)
  // Only stop words ("the", "what did I do"): nothing to search for, not even by meaning.
  if (!hasSearchableWords(q)) return { items: [] }
  const range = dateRange(input)
  const wanted = input.tiers?.length ? input.tiers : (['chronological', 'general', 'confidential', 'secret', 'ultrasecret'] as Tier[])
  const open = wanted.filter((t) => TIER_LEVEL[t] === 1)
  const unlocked = wanted.filter((t) => TIER_LEVEL[t] >= 2 && canRead(principal, t))
  const userId = principal.user.id
  const embedding = await embedText(q.text || q.phrases.flat().join(' '))

  const signals = input.signals ?? ALL_SIGNALS
  const where = open.length ? tierOneWhere(filters(userId, input, open, range), q) : null
  const secretWhere = filters(userId, { ...input, tags: undefined }, unlocked, range)
  const protectedIn = async (tx: DbExecutor) => (unlocked.length ? timed(timings, 'protected', protectedLegs(tx, secretWhere, q, embedding)) : null)

  // Fusion, then the page's tier-1 rows and headlines, read in the transaction that found the
  // words (no transaction of their own).
  const finish = async (tx: DbExecutor | null, tierOne: TierOne | null, secret: ProtectedHits | null) => {
    const candidates = new Map<string, Candidate>([...(tierOne?.candidates ?? []), ...(secret?.candidates ?? [])])
    const ranked = [...candidates.values()].sort((a, b) => fuse(b) - fuse(a) || a.id.localeCompare(b.id))
    const page = ranked.slice(input.offset, input.offset + input.limit)
    const ids = page.map((c) => c.id).filter((id) => !secret?.rows.has(id))
    const wordMatched = new Set(page.filter((c) => c.ranks.fts || c.ranks.fuzzy).map((c) => c.id))
    const plain = tx && ids.length ? await timed(timings, 'page', pageRows(tx, userId, ids, wordMatched, tierOne?.headlineQuery ?? null)) : new Map<string, PageRow>()
    return { page, plain, secret }
  }
  let outcome: Awaited<ReturnType<typeof finish>>
  if (!where) {
    outcome = await finish(null, null, unlocked.length ? await withUser(userId, protectedIn) : null)
  } else if (hasConcurrentTransactions(await getDb())) {
    // On a server's pool the signals run at the same time: meaning and the protected tiers in
    // transactions of their own, words in the one that then waits for them and reads the page.
    // (Each of those two is asked for before it, so the pool hands them a connection first and
    // a full pool cannot leave this one waiting for them for ever.)
    const meaning = timed(timings, 'meaning', withUser(userId, (tx) => meaningLeg(tx, where, q, embedding, signals), { settings: MEANING_SETTINGS }))
    const secretWork = unlocked.length ? withUser(userId, protectedIn) : Promise.resolve(null)
    // Both are awaited below; a failure before then must not count as unhandled.
    meaning.catch(() => {})
    secretWork.catch(() => {})
    const wordsStarted = performance.now()
    outcome = await withUser(userId, async (tx) => {
      const words = await wordsLeg(tx, userId, where, q, signals)
      if (timings) timings.words = performance.now() - wordsStarted
      const [semantic, secret] = await Promise.all([meaning, secretWork])
      return finish(tx, tierOneCandidates(q, words, semantic), secret)
    })
  } else {
    // The embedded database runs one transaction at a time: every signal in one, in turn.
    outcome = await withUser(
      userId,
      async (tx) => {
        const words = await timed(timings, 'words', wordsLeg(tx, userId, where, q, signals))
        const semantic = await timed(timings, 'meaning', meaningLeg(tx, where, q, embedding, signals))
        return finish(tx, tierOneCandidates(q, words, semantic), await protectedIn(tx))
      },
      { settings: MEANING_SETTINGS },
    )
  }
  const { page, plain, secret } = outcome
  const result: SearchHit[] = []
  for (const c of page) {
    const hit = plain.get(c.id)
    const row = hit?.row ?? secret?.rows.get(c.id)
    const body = hit ? plainBody(hit.row) : secret?.bodies.get(c.id)
    if (!row || !body) continue
    if (input.tags?.length && TIER_LEVEL[row.tier] >= 2 && !input.tags.some((t) => body.tags.includes(t))) continue
    const headline = hit?.headline
    result.push({
      memory: publicMemory(row, body),
      score: Math.round(fuse(c) * 10_000) / 10_000,
      highlights: [headline ? markHeadline(headline) : highlight(body.content, q)],
      matched_by: (['fts', 'fuzzy', 'semantic'] as const).filter((k) => c.ranks[k] !== undefined),
    })
  }
  const protectedRead = result.filter((h) => TIER_LEVEL[h.memory.tier] >= 2)
  if (protectedRead.length) {
    await recordAccess({
      userId,
      action: 'search.read',
      tier: protectedRead.reduce((a, b) => (TIER_LEVEL[b.memory.tier] > TIER_LEVEL[a.memory.tier] ? b : a)).memory.tier,
      success: true,
      ...info,
      details: { ids: protectedRead.map((h) => h.memory.id), via: principal.kind },
    })
  }
  if (timings) timings.total = performance.now() - started
  return { items: result }
}

/** A Server-Timing header value (https://www.w3.org/TR/server-timing/) of a search's timings. */
export function serverTiming(timings: SearchTimings): string {
  return Object.entries(timings)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`)
    .join(', ')
}
