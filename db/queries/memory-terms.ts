// The vocabulary of a user's tier-1 memories, counted by word and by stem: search weighs query
// words by how rare they are and corrects typos against it.
import { and, eq, lte, sql } from 'drizzle-orm'
import { anyOf } from '../any-of'
import { rowsOf, type DbExecutor, type StatementExecutor } from '../index'
import { memoryTerms } from '../schema'

/**
 * A row counting the user's tier-1 memories, kept beside the word counts (which are document
 * frequencies): together they weigh query words by rarity. No word can look like it.
 */
export const DOCUMENTS_TERM = '#'

/** Distinct words of a text worth correcting towards (letters only, 3 to 30), and the document counter. */
export function termsOf(text: string): string[] {
  return [...new Set((text.toLowerCase().match(/\p{L}{3,30}/gu) ?? []).slice(0, 500)), DOCUMENTS_TERM]
}

/** What search needs to know of some words: how rare they are. */
export interface Vocabulary {
  /** How many tier-1 memories the user has. */
  documents: number
  /**
   * How many of them hold each word, or another word with its stem, as full text matches
   * ("plan", "planned" for "planning"): the counts of those words added up, so a memory that
   * holds two of them counts twice (absent: none).
   */
  counts: Map<string, number>
}

/**
 * What search asks the vocabulary, in one statement: how many of the user's tier-1 memories
 * hold each of `terms` or a word with the same stem (and how many there are; the counter and
 * stop words have no stem and are looked up as written), and corrections for the words of `correct`
 * the user has never written — the words that look like each (trigram similarity), best
 * first, with their counts, so they can be weighed without asking again. A word the user has
 * written needs no correction and is left out before its trigrams are looked up; `%` (pg_trgm's
 * default threshold, 0.3) picks candidates from the trigram index and `threshold` keeps the
 * close ones.
 */
export async function listQueryTermsByUser(
  db: StatementExecutor,
  { userId, terms, correct = [], limit = 3, threshold = 0.4 }: { userId: string; terms: string[]; correct?: string[]; limit?: number; threshold?: number },
): Promise<{ vocabulary: Vocabulary; corrections: Map<string, string[]> }> {
  const asked = [...new Set([...terms, DOCUMENTS_TERM])]
  const rows = rowsOf<{ word: string | null; term: string; count: number }>(
    await db.execute(sql`
      with asked as materialized (
        -- Stemmed here, apart from the table: under row level security a condition calling
        -- to_tsvector (not leakproof) on memory_terms would wait for the policy and read every
        -- word of the user; a plain text comparison uses the index.
        select a.term, (tsvector_to_array(to_tsvector('english'::regconfig, a.term)))[1] as lexeme
        from unnest(${sql.param(asked)}::text[]) as a(term)
      )
      select null as word, a.term, coalesce(
          (select sum(t.count) from ${memoryTerms} as t where t.user_id = ${userId} and t.lexeme = a.lexeme),
          (select t.count from ${memoryTerms} as t where t.user_id = ${userId} and t.term = a.term),
          0)::int as count, 0 as position, 0 as similarity
      from asked as a
      union all
      select w.word, c.term, c.count, w.position, c.similarity
      from unnest(${sql.param(correct)}::text[]) with ordinality as w(word, position)
      cross join lateral (
        select ${memoryTerms.term} as term, ${memoryTerms.count} as count, similarity(${memoryTerms.term}, w.word) as similarity from ${memoryTerms}
        where ${memoryTerms.userId} = ${userId} and ${memoryTerms.term} % w.word and similarity(${memoryTerms.term}, w.word) >= ${threshold}
        order by 3 desc, ${memoryTerms.count} desc
        limit ${limit}
      ) as c
      where not exists (select from ${memoryTerms} as k where k.user_id = ${userId} and k.term = w.word)
      order by position, similarity desc, count desc`),
  )
  const vocabulary: Vocabulary = { documents: 0, counts: new Map() }
  const corrections = new Map<string, string[]>()
  for (const { word, term, count } of rows) {
    if (Number(count) > 0) vocabulary.counts.set(term, Number(count))
    if (word !== null) corrections.set(word, [...(corrections.get(word) ?? []), term])
  }
  vocabulary.documents = vocabulary.counts.get(DOCUMENTS_TERM) ?? 0
  return { vocabulary, corrections }
}

/**
 * Terms in the order PostgreSQL's "C" collation sorts them (bytes of UTF-8, i.e. code points).
 * Every statement that writes a user's terms takes their row locks in this one order, so two
 * captures of one user wait for each other instead of deadlocking (each locking its own first
 * word, then wanting the other's).
 */
export function inLockOrder(terms: readonly string[]): string[] {
  return [...new Set(terms)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
}

export async function addTermsByUser(db: DbExecutor, { userId, terms }: { userId: string; terms: string[] }): Promise<void> {
  if (terms.length === 0) return
  // INSERT … ON CONFLICT takes the rows in the order of its VALUES.
  await db
    .insert(memoryTerms)
    .values(inLockOrder(terms).map((term) => ({ userId, term })))
    .onConflictDoUpdate({ target: [memoryTerms.userId, memoryTerms.term], set: { count: sql`${memoryTerms.count} + 1` } })
}

export async function removeTermsByUser(db: DbExecutor, { userId, terms }: { userId: string; terms: string[] }): Promise<void> {
  if (terms.length === 0) return
  const mine = and(eq(memoryTerms.userId, userId), anyOf(memoryTerms.term, terms))
  // An UPDATE locks rows in whatever order its plan reads them: lock them in order first.
  await db.execute(sql`select 1 from ${memoryTerms} where ${mine} order by ${memoryTerms.term} collate "C" for update`)
  await db.update(memoryTerms).set({ count: sql`${memoryTerms.count} - 1` }).where(mine)
  await db.delete(memoryTerms).where(and(mine, lte(memoryTerms.count, 0)))
}
