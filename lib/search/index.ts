// Hybrid search (DESIGN.md 3). Tier 1 in SQL (./signals): full text with synonyms (GIN), typos
// corrected against the user's vocabulary, and nearest neighbours on the embedding (HNSW).
// Unlocked protected tiers are decrypted and scored in memory with the same three signals
// (./protected). Here: running them, reciprocal rank fusion, and the page with its highlights.
// Locked tiers are never searched and never hinted at.
// The search statements (here and in ./signals, ./words, ./hits, ./protected) stay beside the code
// that builds them rather than in db/queries: they are composed per query and hand-tuned against
// `npm run bench:search-speed` (docs/benchmarks.md), so they are read and changed with that code.
import 'server-only'
import { observeSearch, secondsSince } from '@/lib/metrics'
import { recordSearchEvent } from './events'
import { and, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm'
import { getDb, hasConcurrentTransactions, type DbExecutor } from '@/db'
import { anyOfOnce } from '@/db/any-of'
import { memories, type Memory } from '@/db/schema'
import { readAsUser, readStatementsAsUser, withUser } from '@/db/with-user'
import { recordAccess } from '@/lib/audit'
import type { Principal } from '@/lib/auth/principal-type'
import { embedText } from '@/lib/embeddings'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { canRead } from '@/lib/memories/access'
import { plainBody } from '@/lib/memories/sealed'
import { publicMemory, type MemoryRow, type PublicMemory } from '@/lib/memories/serialize'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'
import { protectedLegs, type ProtectedHits } from './protected'
import { hasSearchableWords, parseQuery } from './query'
import { hitRow } from './hits'
import { GENERIC_PLANS, MEANING_SETTINGS, meaningLeg, tierOneCandidates, tierOneRows, tierOneWhere, wordsLeg, type Candidate, type MatchKind, type TierOne } from './signals'
import { highlight, highlighter, typoCorrectionsIn } from './text'

export type { MatchKind }

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
export type SearchTimings = Partial<Record<'words' | 'meaning' | 'protected' | 'total', number>>

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

function dateRange(input: SearchInput): { from?: Date; to?: Date } {
  const from = input.from ? new Date(input.from) : undefined
  const to = input.to ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(input.to) ? `${input.to}T23:59:59.999Z` : input.to) : undefined
  if (from && to && from > to) {
    throw new AppError('bad_request:search', { message: 'The date range ends before it starts.', fieldErrors: { to: ['Must not be before from.'] } })
  }
  return { from, to }
}

/** The filters of a search (its tiers, dates, source and tags) for one user's memories. */
export function searchFilters(userId: string, input: Pick<SearchInput, 'source' | 'tags'>, tiers: Tier[], range: { from?: Date; to?: Date } = {}): SQL {
  const conditions: (SQL | undefined)[] = [eq(memories.userId, userId), isNull(memories.deletedAt), anyOfOnce(memories.tier, tiers)]
  if (range.from) conditions.push(gte(memories.occurredAt, range.from))
  if (range.to) conditions.push(lte(memories.occurredAt, range.to))
  if (input.source) conditions.push(eq(memories.source, input.source))
  if (input.tags?.length) conditions.push(sql`${memories.tags} && ${sql.param(input.tags)}::text[]`)
  return and(...conditions)!
}

/** Resolves after two turns of the event loop: after the driver's writes queued in this one. */
function afterTwoTurns(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
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
  const onServer = hasConcurrentTransactions(await getDb())
  // On a server the query's embedding is made while the transactions' BEGINs travel: the
  // driver writes what it was handed at the next turn of the event loop, the embedding waits
  // for the turn after (0.1–0.3 ms of processor time taken off the wait for the answer).
  const embedding = (onServer ? afterTwoTurns() : Promise.resolve()).then(() => embedText(q.text || q.phrases.flat().join(' ')))
  // (Its failure fails the signals that wait for it; a search none of them waits for goes on.)
  embedding.catch(() => {})

  const signals = input.signals ?? ALL_SIGNALS
  const where = open.length ? tierOneWhere(searchFilters(userId, input, open, range), q) : null
  const protectedIn = async (tx: DbExecutor) =>
    unlocked.length ? timed(timings, 'protected', protectedLegs(tx, searchFilters(userId, { ...input, tags: undefined }, unlocked, range), q, await embedding)) : null

  // Fusion; the signals' lists came with the rows they can put on the page.
  const finish = (tierOne: TierOne | null, secret: ProtectedHits | null) => {
    const candidates = [...(tierOne?.candidates.values() ?? []), ...(secret?.candidates.values() ?? [])].map(({ id, ranks }) => ({ id, ranks, score: fuse({ id, ranks }) }))
    // Ties by id (lowercase UUIDs: as code units sort them, as collation would, only cheaper).
    const ranked = candidates.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    const page = ranked.slice(input.offset, input.offset + input.limit)
    return { page, tierOne, secret, corrections: tierOne?.corrections ?? [] }
  }
  // Each word list comes with the rows of its first `wide` only (what can reach the page).
  const wide = input.offset + input.limit
  let outcome: Awaited<ReturnType<typeof finish>>
  if (!where) {
    outcome = finish(null, unlocked.length ? await withUser(userId, protectedIn) : null)
  } else if (onServer) {
    // On a server's pool the signals run at the same time, each in a read transaction of its
    // own (the user's settings travel with its first statement; tier 1's statements go straight
    // to the driver, readStatementsAsUser), none waiting for another, each list with the rows
    // it can put on the page: words, with the plans prepared once per connection
    // (GENERIC_PLANS); meaning; and the protected tiers (not read-only: decrypting
    // mid-rotation rewraps the tier's data key).
    const [words, semantic, secret] = await Promise.all([
      timed(timings, 'words', readStatementsAsUser(userId, (tx) => wordsLeg(tx, userId, where, q, signals, { wide }), { settings: GENERIC_PLANS })),
      timed(timings, 'meaning', readStatementsAsUser(userId, async (tx) => meaningLeg(tx, where, q, await embedding, signals), { settings: MEANING_SETTINGS })),
      unlocked.length ? readAsUser(userId, protectedIn, { readOnly: false }) : null,
    ])
    outcome = finish(tierOneCandidates(words, semantic), secret)
  } else {
    // The embedded database runs one transaction at a time: every signal in one, in turn.
    outcome = await withUser(
      userId,
      async (tx) => {
        const words = await timed(timings, 'words', wordsLeg(tx, userId, where, q, signals, { wide }))
        const semantic = await timed(timings, 'meaning', meaningLeg(tx, where, q, await embedding, signals))
        return finish(tierOneCandidates(words, semantic), await protectedIn(tx))
      },
      { settings: MEANING_SETTINGS },
    )
  }
  const { page, tierOne, secret, corrections } = outcome
  // The tier-1 rows of the page, from the lists; a memory that made the page from low in its
  // lists came without them and is read now.
  const plain = new Map<string, MemoryRow>()
  const missing: string[] = []
  for (const c of page) {
    if (!tierOne?.candidates.has(c.id)) continue
    const raw = tierOne.rows.get(c.id)
    if (raw) plain.set(c.id, hitRow(raw))
    else missing.push(c.id)
  }
  if (missing.length && where) for (const row of await readStatementsAsUser(userId, (tx) => tierOneRows(tx, where, missing))) plain.set(row.id, row)
  const marking = highlighter(q)
  const markingCorrections = corrections.length ? highlighter(q, corrections) : marking
  const result: SearchHit[] = []
  for (const c of page) {
    const tierOneRow = plain.get(c.id)
    const row = tierOneRow ?? secret?.rows.get(c.id)
    const body = tierOneRow ? plainBody(tierOneRow) : secret?.bodies.get(c.id)
    if (!row || !body) continue
    if (input.tags?.length && TIER_LEVEL[row.tier] >= 2 && !input.tags.some((t) => body.tags.includes(t))) continue
    // The words full text matched, by stem, and the corrections of typos that found it (for
    // tier 1 from the user's vocabulary, for a decrypted memory from its own words).
    const plainMarks = marking(body.content)
    const marks = !c.ranks.fuzzy ? plainMarks : tierOneRow ? markingCorrections(body.content) : highlight(body.content, q, { also: typoCorrectionsIn(q.text, body.content) })
    result.push({
      memory: publicMemory(row, body),
      score: Math.round(c.score * 10_000) / 10_000,
      highlights: [marks],
      matched_by: matchedBy(c.ranks, marks !== plainMarks),
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
  const seconds = secondsSince(started)
  observeSearch({ protectedTiers: unlocked.length > 0, seconds })
  // Not awaited: the answer does not wait for its analytics row.
  void recordSearchEvent({ userId, durationMs: seconds * 1000, resultCount: result.length })
  return { items: result }
}

/** A Server-Timing header value (https://www.w3.org/TR/server-timing/) of a search's timings. */
export function serverTiming(timings: SearchTimings): string {
  return Object.entries(timings)
    .map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`)
    .join(', ')
}

/**
 * What a hit is labelled with: the signals that explain it. Trigram similarity also holds for a
 * word written exactly, and so does meaning: "typo" is said only when a corrected word marked
 * something, "meaning" only when no word matched.
 */
function matchedBy(ranks: Partial<Record<MatchKind, number>>, corrected: boolean): MatchKind[] {
  const words = ranks.fts !== undefined
  const meaningOnly = ranks.semantic !== undefined && !words
  // Trigrams alone, with no word corrected and no meaning to say: still the reason it is here.
  const typo = ranks.fuzzy !== undefined && (corrected || (!words && !meaningOnly))
  const meaning = meaningOnly
  return (['fts', 'fuzzy', 'semantic'] as const).filter((k) => (k === 'fts' ? words : k === 'fuzzy' ? typo : meaning))
}
