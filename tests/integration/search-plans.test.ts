// On a server, search's words transaction runs with the plan each connection made the first
// time (GENERIC_PLANS): a plan made for any values. Each of its statements is prepared here as
// search sends it, under the application role's row level security, and its generic plan must
// still find the rows through the indexes: the words in the GIN index. (A cast of a parameter in a condition, not LEAKPROOF, would have the policy
// read every row of the user first.)
import { sql, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, rowsOf, type Tx } from '@/db'
import type { User } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { embedText } from '@/lib/embeddings'
import { searchFilters } from '@/lib/search'
import { parseQuery } from '@/lib/search/query'
import { GENERIC_PLANS, tierOneWhere } from '@/lib/search/signals'
import { rankedMatches, type WordGroup } from '@/lib/search/words'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'

setupTestDatabase()

let user: User

beforeAll(async () => {
  user = await createUser()
  const db = await getDb()
  const { vector, model } = await embedText('a walk by the river')
  await db.execute(sql`
    insert into memories (id, user_id, tier, security_level, content, source, occurred_at, embedding, embedding_model)
    select gen_random_uuid(), ${user.id}, case when g % 3 = 0 then 'general'::tier else 'chronological'::tier end, 1,
      'walk number ' || g || case when g % 50 = 0 then ' by the albatross river' else ' in town' end, 'api',
      now() - g * interval '1 hour', ${`[${vector.join(',')}]`}::vector, ${model}
    from generate_series(1, 1500) as g`)
  // As autovacuum would: new GIN entries wait in a pending list until then.
  await db.execute(sql`select gin_clean_pending_list('memories_search_idx')`)
  await db.execute(sql`analyze memories`)
})

/** A literal for EXECUTE: PostgreSQL gives it the parameter's type. */
function literal(value: unknown): string {
  const quote = (text: string) => `'${text.replaceAll("'", "''")}'`
  if (Array.isArray(value)) return quote(`{${value.map((v) => `"${String(v).replaceAll('"', '\\"')}"`).join(',')}}`)
  if (value instanceof Date) return quote(value.toISOString())
  return typeof value === 'number' ? String(value) : quote(String(value))
}

/** The generic plan of a statement, prepared as search sends it, with these values. */
async function genericPlan(statement: { sql: string; params: unknown[] }, settings: Record<string, string> = {}): Promise<string> {
  return withUser(
    user.id,
    async (tx: Tx) => {
      // (Tables this small are cheaper to read whole; that choice is not the one under test.)
      await tx.execute(sql`set local enable_seqscan = off`)
      await tx.execute(sql.raw(`prepare under_test as ${statement.sql}`))
      const plan = rowsOf<Record<string, string>>(await tx.execute(sql.raw(`explain execute under_test(${statement.params.map(literal).join(', ')})`)))
      await tx.execute(sql.raw('deallocate under_test'))
      return plan.map((r) => Object.values(r)[0]).join('\n')
    },
    { settings: { ...settings, ...GENERIC_PLANS } },
  )
}

const dialect = new PgDialect()
const asSent = (statement: SQL) => dialect.sqlToQuery(statement)
/** The tier-1 filter of a search of both tier-1 tiers, excluding a word (no dates or tags: an index on those is another plan). */
const where = () => tierOneWhere(searchFilters(user.id, { source: 'api' }, ['chronological', 'general']), parseQuery('albatross -storm'))

describe('generic plans of the search statements, under row level security', () => {
  it('ranks words through the GIN index', async () => {
    const groups: WordGroup[] = [
      { tsquery: 'albatross', idf: 3.2, df: 30 },
      { tsquery: 'river | stream', idf: 1.1, df: 40 },
    ]
    const plan = await genericPlan(asSent(rankedMatches(where(), groups, '(albatross) | (river | stream)', 60)))
    // (PostgreSQL 15 names a subquery's value $n, PGlite's 17 (InitPlan n).col1.)
    expect(plan).toMatch(/Index Cond: \(\(user_id = \$\d+\) AND \(search_vector @@ (\$\d+|\(InitPlan \d+\)\.col1)\)\)/)
    expect(plan).not.toMatch(/Seq Scan/)
  })

  it('ranks words through the GIN index when only the first rows bring their columns, and reads those by id', async () => {
    const groups: WordGroup[] = [
      { tsquery: 'albatross', idf: 3.2, df: 30 },
      { tsquery: 'river | stream', idf: 1.1, df: 40 },
    ]
    const plan = await genericPlan(asSent(rankedMatches(where(), groups, '(albatross) | (river | stream)', 60, 20)))
    expect(plan).toMatch(/Index Cond: \(\(user_id = \$\d+\) AND \(search_vector @@ (\$\d+|\(InitPlan \d+\)\.col1)\)\)/)
    expect(plan).toMatch(/Index Scan using memories_pkey/)
    expect(plan).not.toMatch(/Seq Scan/)
  })

  it('returns under those plans what the rows hold', async () => {
    const run = <T,>(work: (tx: Tx) => Promise<T>) => withUser(user.id, work, { settings: GENERIC_PLANS })
    const mine = searchFilters(user.id, {}, ['chronological', 'general'])
    // Run more than five times, past the point where PostgreSQL would switch plans of its own accord.
    for (let i = 0; i < 7; i++) {
      // Every 50th of the 1,500 holds "albatross"; none holds the tag "travel".
      const found = await run(async (tx) => rowsOf<{ id: string; content: string }>(await tx.execute(rankedMatches(mine, [{ tsquery: 'albatross', idf: 1, df: 30 }], 'albatross', 60))))
      expect(found).toHaveLength(30)
      // With the columns a hit is shown with.
      expect(found.every((r) => r.content.includes('albatross'))).toBe(true)
      const tagged = await run(async (tx) =>
        rowsOf<{ id: string }>(await tx.execute(rankedMatches(searchFilters(user.id, { tags: ['travel'] }, ['chronological', 'general']), [{ tsquery: 'albatross', idf: 1, df: 30 }], 'albatross', 60))),
      )
      expect(tagged).toEqual([])
      // The first 10 with their columns, the other 20 with their ids alone, in the same order.
      const some = await run(async (tx) => rowsOf<{ match_id: string; content: string | null }>(await tx.execute(rankedMatches(mine, [{ tsquery: 'albatross', idf: 1, df: 30 }], 'albatross', 60, 10))))
      expect(some.map((r) => r.match_id)).toEqual(found.map((r) => r.id))
      expect(some.map((r) => r.content)).toEqual([...found.slice(0, 10).map((r) => r.content), ...Array(20).fill(null)])
    }
  })
})
