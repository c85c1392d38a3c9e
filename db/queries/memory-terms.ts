// The vocabulary of a user's tier-1 memories, counted, for typo correction in search.
import { and, eq, inArray, lte, sql } from 'drizzle-orm'
import { rowsOf, type DbExecutor } from '../index'
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

/** What search needs to know of some words: how rare they are, and which ones full text ignores. */
export interface Vocabulary {
  /** How many tier-1 memories the user has. */
  documents: number
  /** How many of them hold each word (absent: none). */
  counts: Map<string, number>
  /** English stop words such as "with" or "the": full text never matches them, so they weigh nothing. */
  ignored: Set<string>
}

/** The vocabulary of these words among the user's tier-1 memories. */
export async function listTermCountsByUser(db: DbExecutor, { userId, terms }: { userId: string; terms: string[] }): Promise<Vocabulary> {
  const asked = [...new Set([...terms, DOCUMENTS_TERM])]
  const rows = rowsOf<{ term: string; count: number; ignored: boolean }>(
    await db.execute(sql`
      select a.term, coalesce(t.count, 0)::int as count, a.term <> ${DOCUMENTS_TERM} and numnode(to_tsquery('english', a.term)) = 0 as ignored
      from unnest(${sql.param(asked)}::text[]) as a(term)
      left join ${memoryTerms} as t on t.user_id = ${userId} and t.term = a.term`),
  )
  const counts = new Map(rows.filter((r) => r.count > 0).map((r) => [r.term, Number(r.count)]))
  return { documents: counts.get(DOCUMENTS_TERM) ?? 0, counts, ignored: new Set(rows.filter((r) => r.ignored).map((r) => r.term)) }
}

export async function addTermsByUser(db: DbExecutor, { userId, terms }: { userId: string; terms: string[] }): Promise<void> {
  if (terms.length === 0) return
  await db
    .insert(memoryTerms)
    .values(terms.map((term) => ({ userId, term })))
    .onConflictDoUpdate({ target: [memoryTerms.userId, memoryTerms.term], set: { count: sql`${memoryTerms.count} + 1` } })
}

export async function removeTermsByUser(db: DbExecutor, { userId, terms }: { userId: string; terms: string[] }): Promise<void> {
  if (terms.length === 0) return
  const mine = and(eq(memoryTerms.userId, userId), inArray(memoryTerms.term, terms))
  await db.update(memoryTerms).set({ count: sql`${memoryTerms.count} - 1` }).where(mine)
  await db.delete(memoryTerms).where(and(mine, lte(memoryTerms.count, 0)))
}

/**
 * Corrections for words the vocabulary does not hold: for each word, the words that look like
 * it (trigram similarity), best first, with the vocabulary of those corrections (so they can be
 * weighed without asking again). A word the user has written before needs no correction: none
 * for it. One statement for all the words; `%` (pg_trgm's default threshold, 0.3) picks the
 * candidates from the trigram index and `threshold` keeps the close ones.
 */
export async function listSimilarTermsByUser(
  db: DbExecutor,
  { userId, words, limit = 3, threshold = 0.4 }: { userId: string; words: string[]; limit?: number; threshold?: number },
): Promise<{ corrections: Map<string, string[]>; vocabulary: Vocabulary }> {
  const corrections = new Map<string, string[]>()
  const vocabulary: Vocabulary = { documents: 0, counts: new Map(), ignored: new Set() }
  if (words.length === 0) return { corrections, vocabulary }
  // A word already in the vocabulary is left out before its trigrams are looked up.
  const rows = rowsOf<{ word: string; term: string; count: number; ignored: boolean; documents: number | null }>(
    await db.execute(sql`
      select w.word, t.term, t.count, numnode(to_tsquery('english', t.term)) = 0 as ignored,
        (select d.count from ${memoryTerms} as d where d.user_id = ${userId} and d.term = ${DOCUMENTS_TERM}) as documents
      from unnest(${sql.param(words)}::text[]) with ordinality as w(word, position)
      cross join lateral (
        select ${memoryTerms.term} as term, ${memoryTerms.count} as count from ${memoryTerms}
        where ${memoryTerms.userId} = ${userId} and ${memoryTerms.term} % w.word and similarity(${memoryTerms.term}, w.word) >= ${threshold}
        order by similarity(${memoryTerms.term}, w.word) desc, ${memoryTerms.count} desc
        limit ${limit}
      ) as t
      where not exists (select from ${memoryTerms} as k where k.user_id = ${userId} and k.term = w.word)
      order by w.position`),
  )
  for (const { word, term, count, ignored, documents } of rows) {
    corrections.set(word, [...(corrections.get(word) ?? []), term])
    vocabulary.counts.set(term, Number(count))
    if (ignored) vocabulary.ignored.add(term)
    vocabulary.documents = Number(documents ?? 0)
  }
  return { corrections, vocabulary }
}
