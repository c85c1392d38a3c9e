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

/** How many of the user's tier-1 memories hold each of these words, and how many there are. */
export async function listTermCountsByUser(
  db: DbExecutor,
  { userId, terms }: { userId: string; terms: string[] },
): Promise<{ documents: number; counts: Map<string, number> }> {
  const rows = await db
    .select({ term: memoryTerms.term, count: memoryTerms.count })
    .from(memoryTerms)
    .where(and(eq(memoryTerms.userId, userId), inArray(memoryTerms.term, [...new Set([...terms, DOCUMENTS_TERM])])))
  const counts = new Map(rows.map((r) => [r.term, r.count]))
  return { documents: counts.get(DOCUMENTS_TERM) ?? 0, counts }
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
 * it (trigram similarity), best first. A word the user has written before needs no correction:
 * none for it. One statement for all the words; `%` (pg_trgm's default threshold, 0.3) picks the
 * candidates from the trigram index and `threshold` keeps the close ones.
 */
export async function listSimilarTermsByUser(
  db: DbExecutor,
  { userId, words, limit = 3, threshold = 0.4 }: { userId: string; words: string[]; limit?: number; threshold?: number },
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>()
  if (words.length === 0) return found
  const rows = rowsOf<{ word: string; term: string }>(
    await db.execute(sql`
      select w.word, t.term
      from unnest(${sql.param(words)}::text[]) with ordinality as w(word, position)
      cross join lateral (
        select ${memoryTerms.term} as term from ${memoryTerms}
        where ${memoryTerms.userId} = ${userId} and ${memoryTerms.term} % w.word and similarity(${memoryTerms.term}, w.word) >= ${threshold}
        order by ${memoryTerms.term} = w.word desc, similarity(${memoryTerms.term}, w.word) desc, ${memoryTerms.count} desc
        limit ${limit + 1}
      ) as t
      order by w.position`),
  )
  for (const { word, term } of rows) found.set(word, [...(found.get(word) ?? []), term])
  for (const [word, terms] of found) {
    if (terms[0] === word) found.delete(word)
    else found.set(word, terms.slice(0, limit))
  }
  return found
}
