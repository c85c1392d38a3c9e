// The full-text signal of hybrid search (DESIGN.md 3): query words weighed by how rare they
// are among the user's tier-1 memories (BM25's idf, from the vocabulary's document counts),
// ranked in SQL over the GIN index, with MaxScore pruning so common words cost little.
import { sql, type SQL } from 'drizzle-orm'
import { rowsOf, type StatementExecutor } from '@/db'
import type { Vocabulary } from '@/db/queries/memory-terms'
import { memories } from '@/db/schema'
import { hitColumns, type RawHit } from './hits'
import { STOP_WORDS } from './stop-words'

/** How many matches a signal hands to the fusion. */
export const LEG_LIMIT = 60
const MAX_WEIGHTED_GROUPS = 12
/** How many memories holding the rarer query words are ranked before the common ones are considered. */
const MAXSCORE_BUDGET = 2_000

/**
 * A to_tsquery expression computed once per statement (a subquery, run before the rows are
 * read). Written inline, to_tsquery (STABLE, not IMMUTABLE) is computed again for every row
 * it is matched against or ranks, in custom and in generic plans alike.
 */
export function tsQuery(text: string): SQL {
  return sql`(select to_tsquery('english', ${text}))`
}

export interface WordGroup {
  /** to_tsquery text of one query word with its synonyms (or a phrase, or a corrected word). */
  tsquery: string
  idf: number
  /** At most how many of the user's memories hold it (a phrase counts its rarest word, synonyms add up). */
  df: number
}

/**
 * Query word groups weighted by how rare they are among the user's memories (BM25's idf).
 * A group full text ignores (stop words only) matches nothing and is left out, so it adds
 * nothing to what the other words could score.
 */
export function weighGroups(groups: string[][], { documents, counts }: Vocabulary): WordGroup[] {
  const wordsOf = (t: string) => t.split(' <-> ').filter((w) => !STOP_WORDS.has(w))
  return groups
    .slice(0, MAX_WEIGHTED_GROUPS)
    .filter((group) => group.some((t) => wordsOf(t).length > 0))
    .map((group) => {
      const each = group.map((t) => {
        const words = wordsOf(t)
        return words.length ? Math.min(...words.map((w) => counts.get(w) ?? 0)) : 0
      })
      const df = Math.max(0, ...each)
      const n = Math.max(documents, df, 1)
      return {
        tsquery: group.length > 1 ? group.join(' | ') : group[0],
        idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)),
        df: Math.min(n, each.reduce((a, b) => a + b, 0)),
      }
    })
}

/** The words of these groups, to look up in the vocabulary. */
export function termsOfGroups(groups: string[][]): string[] {
  return groups.slice(0, MAX_WEIGHTED_GROUPS).flat().flatMap((t) => t.split(' <-> '))
}

/**
 * Which of the rarest groups to rank first (MaxScore), if any: the fewest that hold enough
 * memories to fill the list, each weighing at least what all the others could add up to (so
 * every memory holding one of them outscores any memory holding none: the check after
 * ranking them cannot fail for want of memories holding several words). It leaves at least
 * one group out, and stays within the budget; otherwise every match is ranked at once.
 */
function rareFirst(groups: WordGroup[], limit: number, budget: number): WordGroup[] | null {
  const sorted = [...groups].sort((a, b) => a.df - b.df)
  let held = 0
  for (let k = 1; k < sorted.length; k++) {
    held += sorted[k - 1].df
    if (held > budget) return null
    const rest = sorted.slice(k).reduce((sum, g) => sum + g.idf, 0) + 1
    if (held >= limit && Math.min(...sorted.slice(0, k).map((g) => g.idf)) >= rest) return sorted.slice(0, k)
  }
  return null
}

/**
 * The statement ranking the memories that match `matching` by the groups' score (best first,
 * at most `limit`): each with its score and id (`match_id`), and the first `wide` of them also
 * with the columns they are shown with (the others' are null). Exclusions are already in
 * `where`; the score needs only the wanted words.
 *
 * Only the first rows of a list can reach the page the fusion makes (a row further down
 * would need to rank well in another list too, which then brings its columns), so the rest go
 * without theirs: the ranking sorts ids, and its first rows are joined to their columns after
 * the limit (`offset 0` keeps that look-up a subquery of its own, so rows past `wide` skip it
 * rather than being read and dropped). On the benchmark's 100,000 memories this took about
 * 0.3 ms of Node.js time off a search; the same statements with ids alone in every list, as
 * an upper bound, 1.4 ms.
 */
export function rankedMatches(where: SQL, groups: WordGroup[], matching: string, limit: number, wide = limit): SQL {
  const wanted = groups.map((g) => `(${g.tsquery})`).join(' | ')
  const frequency = sql`ts_rank(search_vector, ${tsQuery(wanted)}, 32)`
  const score = groups.length > 1
    ? sql.join([...groups.map((g) => sql`${g.idf}::float8 * (search_vector @@ ${tsQuery(g.tsquery)})::int`), frequency], sql` + `)
    : frequency
  const top = sql.raw(String(Math.trunc(limit)))
  if (wide >= limit) {
    return sql`
      select ${score} as score, ${memories.id} as match_id, ${hitColumns} from ${memories}
      where ${where} and search_vector @@ ${tsQuery(matching)}
      order by 1 desc, created_at desc, id
      limit ${top}`
  }
  return sql`
    select ranked.score, ranked.match_id, hit.*
    from (
      select best.*, row_number() over (order by best.score desc, best.created_at desc, best.match_id) as position
      from (
        select ${score} as score, ${memories.id} as match_id, ${memories.createdAt} as created_at from ${memories}
        where ${where} and search_vector @@ ${tsQuery(matching)}
        order by 1 desc, created_at desc, id
        limit ${top}
      ) as best
    ) as ranked
    left join lateral (
      select ${hitColumns} from ${memories} where ${memories.id} = ranked.match_id and ranked.position <= ${sql.raw(String(Math.max(0, Math.trunc(wide))))} offset 0
    ) as hit on true
    order by ranked.position`
}

/**
 * Ids of the best full-text matches (the fts and fuzzy signals), best first. Rarer words count
 * for more; ts_rank (scaled into 0..1) orders memories holding the same words by how often
 * and how prominently they hold them. (ts_rank_cd, by how close together the words stand,
 * ranked LoCoMo the same, recall@10 0.678 against 0.677, at about six times the cost per row.)
 *
 * Ranking reads every memory that holds any query word, so a query mixing rare and common
 * words would read thousands of rows. MaxScore avoids that without changing the result: the
 * memories holding one of the rarest words are ranked first; when the last of the best
 * `limit` of them already scores at least what the other words alone could ever add up to
 * (their idf plus ts_rank, which stays below 1), no memory holding only other words can
 * enter the list, and the answer is exact. Failing that (filters by date, tag or source left
 * fewer memories than the counts promised), every match is ranked.
 * The rows come back as the driver reads them, the first `wide` of the list only.
 */
export async function fullText(
  tx: StatementExecutor,
  where: SQL,
  tsquery: string,
  groups: WordGroup[],
  { limit = LEG_LIMIT, budget = MAXSCORE_BUDGET, wide = limit }: { limit?: number; budget?: number; wide?: number } = {},
): Promise<{ ids: string[]; rows: RawHit[]; pruned: boolean }> {
  if (groups.length === 0) return { ids: [], rows: [], pruned: false }
  const best = async (matching: string) => rowsOf<RawHit & { match_id: string; score: number }>(await tx.execute(rankedMatches(where, groups, matching, limit, wide)))
  const found = (rows: (RawHit & { match_id: string })[], pruned: boolean) => ({ ids: rows.map((r) => r.match_id), rows: rows.filter((r) => r.id != null), pruned })
  const rare = rareFirst(groups, limit, budget)
  if (rare) {
    const rows = await best(rare.map((g) => `(${g.tsquery})`).join(' | '))
    const ceiling = groups.filter((g) => !rare.includes(g)).reduce((sum, g) => sum + g.idf, 0) + 1
    if (rows.length === limit && Number(rows[limit - 1].score) >= ceiling) return found(rows, true)
  }
  // Words of about the same weight ("trip planning"), too common to rank every memory holding
  // one within the budget: the memories holding all of them come first. A memory missing a
  // word scores less than the others' idf plus 1, so when the last of the best `limit` holding
  // all scores at least the total less the lightest word's idf, plus 1, the answer is exact.
  const held = groups.reduce((sum, g) => sum + g.df, 0)
  if (budget > 0 && groups.length > 1 && held > budget) {
    const rows = await best(groups.map((g) => `(${g.tsquery})`).join(' & '))
    const ceiling = groups.reduce((sum, g) => sum + g.idf, 0) - Math.min(...groups.map((g) => g.idf)) + 1
    if (rows.length === limit && Number(rows[limit - 1].score) >= ceiling) return found(rows, true)
  }
  return found(await best(tsquery), false)
}
