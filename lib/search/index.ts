// Hybrid search (DESIGN.md 3). Tier 1 in SQL: full text with synonyms (GIN), trigram word
// similarity for typos (GIN), and nearest neighbours on the embedding (HNSW), fused by
// reciprocal rank fusion. Unlocked protected tiers are decrypted and scored in memory with the
// same three signals, then merged. Locked tiers are never searched and never hinted at.
import { and, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm'
import { rowsOf, type DbExecutor } from '@/db'
import { listSimilarTermsByUser, listTermCountsByUser } from '@/db/queries/memory-terms'
import { memories, type Memory } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { recordAccess } from '@/lib/audit'
import type { Principal } from '@/lib/auth/principal'
import { cosineSimilarity, embedText } from '@/lib/embeddings'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { canRead } from '@/lib/memories/access'
import { readBody, readEmbedding } from '@/lib/memories/sealed'
import { publicMemory, type PublicMemory } from '@/lib/memories/serialize'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'
import { parseQuery, positiveTsQuery, toTsQuery, type ParsedQuery } from './query'
import { highlight, markHeadline, trigramWordSimilarity } from './text'

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

export interface SearchHit {
  memory: PublicMemory
  score: number
  highlights: string[]
  matched_by: MatchKind[]
}

const ALL_SIGNALS: readonly MatchKind[] = ['fts', 'fuzzy', 'semantic']
const LEG_LIMIT = 60
const RRF_K = 60
const FUZZY_THRESHOLD = 0.45
const SEMANTIC_MIN = 0.4
const PROTECTED_SCAN_LIMIT = 5_000
const MAX_WEIGHTED_GROUPS = 12

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
  const conditions: (SQL | undefined)[] = [eq(memories.userId, userId), isNull(memories.deletedAt), inArray(memories.tier, tiers)]
  if (range.from) conditions.push(gte(memories.occurredAt, range.from))
  if (range.to) conditions.push(lte(memories.occurredAt, range.to))
  if (input.source) conditions.push(eq(memories.source, input.source))
  if (input.tags?.length) conditions.push(sql`${memories.tags} && ${sql.param(input.tags)}::text[]`)
  return and(...conditions)!
}

interface WordGroup {
  /** to_tsquery text of one query word with its synonyms (or a phrase, or a corrected word). */
  tsquery: string
  idf: number
}

/** Query word groups weighted by how rare they are among the user's memories (BM25's idf). */
async function weighGroups(tx: DbExecutor, userId: string, groups: string[][]): Promise<WordGroup[]> {
  const kept = groups.slice(0, MAX_WEIGHTED_GROUPS)
  const { documents, counts } = await listTermCountsByUser(tx, { userId, terms: kept.flat().flatMap((t) => t.split(' <-> ')) })
  const weighted = kept.map((group) => {
    const df = Math.max(0, ...group.map((t) => Math.min(...t.split(' <-> ').map((w) => counts.get(w) ?? 0))))
    const n = Math.max(documents, df, 1)
    return { tsquery: group.length > 1 ? group.join(' | ') : group[0], idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) }
  })
  return weighted
}

/**
 * Ids of the best full-text matches (the fts and fuzzy signals), best first. Rarer words count
 * for more; ts_rank_cd (scaled into 0..1) orders memories holding the same words by how close
 * together they stand.
 */
async function fullText(tx: DbExecutor, where: SQL, tsquery: string, groups: WordGroup[]): Promise<string[]> {
  const closeness = sql`ts_rank_cd(search_vector, to_tsquery('english', ${tsquery}), 32)`
  const score = groups.length > 1
    ? sql.join([...groups.map((g) => sql`${g.idf}::float8 * (search_vector @@ to_tsquery('english', ${g.tsquery}))::int`), closeness], sql` + `)
    : closeness
  const rows = rowsOf<{ id: string }>(
    await tx.execute(sql`
      select id from ${memories}
      where ${where} and search_vector @@ to_tsquery('english', ${tsquery})
      order by ${score} desc, created_at desc
      limit ${LEG_LIMIT}`),
  )
  return rows.map((r) => r.id)
}

async function sqlLegs(
  tx: DbExecutor,
  userId: string,
  filter: SQL,
  q: ParsedQuery,
  embedding: { vector: number[]; model: string },
  signals: readonly MatchKind[],
): Promise<{ candidates: Map<string, Candidate>; headlineQuery: string | null }> {
  let where = filter
  const candidates = new Map<string, Candidate>()
  const headlineTerms: string[] = []
  const note = (id: string, kind: MatchKind, rank: number) => {
    const c = candidates.get(id) ?? { id, ranks: {} }
    c.ranks[kind] = rank
    candidates.set(id, c)
  }
  // "-word" excludes for every signal, not only the full-text one.
  if (q.excluded.length) where = and(where, sql`not (search_vector @@ to_tsquery('english', ${q.excluded.join(' | ')}))`)!
  const tsquery = toTsQuery(q)
  if (tsquery && signals.includes('fts')) {
    const groups = [...q.words, ...q.phrases.map((p) => [p.join(' <-> ')])]
    ;(await fullText(tx, where, tsquery, await weighGroups(tx, userId, groups))).forEach((id, i) => note(id, 'fts', i + 1))
    headlineTerms.push(positiveTsQuery(q)!)
  }
  if (signals.includes('fuzzy')) {
    // Typos: each query word is corrected against the user's own vocabulary (a small table
    // with a trigram index), and memories holding the corrected words are found by full text.
    const corrections = new Set<string>()
    for (const word of new Set(q.text.split(' ').filter((w) => w.length >= 4 && /^\p{L}+$/u.test(w)))) {
      for (const term of await listSimilarTermsByUser(tx, { userId, word })) corrections.add(term)
    }
    if (corrections.size) {
      const groups = [...corrections].map((term) => [term])
      ;(await fullText(tx, where, [...corrections].join(' | '), await weighGroups(tx, userId, groups))).forEach((id, i) => note(id, 'fuzzy', i + 1))
      headlineTerms.push(...corrections)
    }
  }
  if (q.text && signals.includes('semantic')) {
    await tx.execute(sql`select set_config('hnsw.ef_search', '100', true)`)
    await tx.execute(sql`select set_config('hnsw.iterative_scan', 'relaxed_order', true)`)
    const vector = `[${embedding.vector.join(',')}]`
    const rows = rowsOf<{ id: string; distance: number }>(
      await tx.execute(sql`
        select id, embedding <=> ${vector}::vector as distance from ${memories}
        where ${where} and embedding_model = ${embedding.model} and embedding is not null
        order by embedding <=> ${vector}::vector
        limit ${LEG_LIMIT}`),
    )
    rows.filter((r) => 1 - Number(r.distance) >= SEMANTIC_MIN).forEach((r, i) => note(r.id, 'semantic', i + 1))
  }
  return { candidates, headlineQuery: headlineTerms.length ? headlineTerms.join(' | ') : null }
}

/** ts_headline (⟪…⟫-marked) for the page's tier-1 rows that matched by words; computed for the page only. */
async function headlines(tx: DbExecutor, userId: string, ids: string[], tsquery: string | null): Promise<Map<string, string>> {
  if (!tsquery || ids.length === 0) return new Map()
  const rows = rowsOf<{ id: string; headline: string }>(
    await tx.execute(sql`
      select id, ts_headline('english', content, to_tsquery('english', ${tsquery}),
        'StartSel=⟪, StopSel=⟫, MaxWords=24, MinWords=8, MaxFragments=2') as headline
      from ${memories}
      where ${and(eq(memories.userId, userId), inArray(memories.id, ids))}`),
  )
  return new Map(rows.map((r) => [r.id, r.headline]))
}

/** The same three signals over decrypted memories of the tiers the caller has unlocked. */
async function protectedLegs(
  tx: DbExecutor,
  where: SQL,
  q: ParsedQuery,
  embedding: { vector: number[]; model: string },
): Promise<{ candidates: Map<string, Candidate>; rows: Map<string, Memory>; bodies: Map<string, string> }> {
  const rows = await tx.select().from(memories).where(where).limit(PROTECTED_SCAN_LIMIT)
  const scored: { id: string; fts: number; fuzzy: number; semantic: number }[] = []
  const bodies = new Map<string, string>()
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
    bodies.set(row.id, body.content)
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

export async function search(principal: Principal, input: SearchInput, info?: RequestInfo): Promise<{ items: SearchHit[] }> {
  const q = parseQuery(input.query)
  if (!q.text && q.phrases.length === 0) return { items: [] }
  const range = dateRange(input)
  const wanted = input.tiers?.length ? input.tiers : (['chronological', 'general', 'confidential', 'secret', 'ultrasecret'] as Tier[])
  const open = wanted.filter((t) => TIER_LEVEL[t] === 1)
  const unlocked = wanted.filter((t) => TIER_LEVEL[t] >= 2 && canRead(principal, t))
  const userId = principal.user.id
  const embedding = await embedText(q.text || q.phrases.flat().join(' '))

  const result = await withUser(userId, async (tx) => {
    const signals = input.signals ?? ALL_SIGNALS
    const tierOne = open.length ? await sqlLegs(tx, userId, filters(userId, input, open, range), q, embedding, signals) : null
    const candidates = tierOne?.candidates ?? new Map<string, Candidate>()
    const secretRows = new Map<string, Memory>()
    const secretBodies = new Map<string, string>()
    if (unlocked.length) {
      const protectedFilters = filters(userId, { ...input, tags: undefined }, unlocked, range)
      const found = await protectedLegs(tx, protectedFilters, q, embedding)
      for (const [id, c] of found.candidates) candidates.set(id, c)
      found.rows.forEach((row, id) => secretRows.set(id, row))
      found.bodies.forEach((body, id) => secretBodies.set(id, body))
    }
    const ranked = [...candidates.values()].sort((a, b) => fuse(b) - fuse(a) || a.id.localeCompare(b.id))
    const page = ranked.slice(input.offset, input.offset + input.limit)
    const ids = page.map((c) => c.id).filter((id) => !secretRows.has(id))
    const plainRows = ids.length ? await tx.select().from(memories).where(and(eq(memories.userId, userId), inArray(memories.id, ids))) : []
    const rows = new Map<string, Memory>([...plainRows.map((r) => [r.id, r] as const), ...secretRows])
    const wordMatched = page.filter((c) => !secretRows.has(c.id) && (c.ranks.fts || c.ranks.fuzzy)).map((c) => c.id)
    const marked = await headlines(tx, userId, wordMatched, tierOne?.headlineQuery ?? null)
    const items: SearchHit[] = []
    for (const c of page) {
      const row = rows.get(c.id)
      if (!row) continue
      const body = await readBody(tx, row)
      if (input.tags?.length && TIER_LEVEL[row.tier] >= 2 && !input.tags.some((t) => body.tags.includes(t))) continue
      items.push({
        memory: publicMemory(row, body),
        score: Math.round(fuse(c) * 10_000) / 10_000,
        highlights: [marked.has(c.id) ? markHeadline(marked.get(c.id)!) : highlight(body.content, q)],
        matched_by: (['fts', 'fuzzy', 'semantic'] as const).filter((k) => c.ranks[k] !== undefined),
      })
    }
    return items
  })
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
  return { items: result }
}
