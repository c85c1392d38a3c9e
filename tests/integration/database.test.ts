import { and, eq, sql, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { describe, expect, it } from 'vitest'
import { openDatabase, rowsOf } from '@/db'
import { anyOf } from '@/db/any-of'
import { memories, memoryTerms, users } from '@/db/schema'
import { setupTestDatabase } from '../fixtures/db'

const test = setupTestDatabase()

function unitVector(hot: number[]): number[] {
  const v = new Array(384).fill(0)
  for (const [i, x] of hot.entries()) v[i] = x
  const norm = Math.hypot(...v)
  return v.map((x) => x / norm)
}

async function makeUser(phone: string) {
  const [user] = await test.handle.db.insert(users).values({ phone }).returning()
  return user
}

describe('database engine', () => {
  it('has the vector, pg_trgm and btree_gin extensions', async () => {
    const rows = rowsOf<{ extname: string }>(
      await test.handle.db.execute(sql`select extname from pg_extension order by extname`),
    )
    expect(rows.map((r) => r.extname)).toEqual(expect.arrayContaining(['vector', 'pg_trgm', 'btree_gin']))
  })

  it('orders memories by cosine distance and uses the HNSW index', async () => {
    const user = await makeUser('+15550000001')
    const near = unitVector([1, 0.1])
    const mid = unitVector([1, 1])
    const far = unitVector([0, 0, 1])
    await test.handle.db.insert(memories).values(
      [
        ['far', far],
        ['near', near],
        ['mid', mid],
      ].map(([content, embedding]) => ({
        userId: user.id,
        tier: 'general' as const,
        securityLevel: 1,
        content: content as string,
        embedding: embedding as number[],
      })),
    )
    const query = `[${unitVector([1, 0]).join(',')}]`
    const ordered = rowsOf<{ content: string; distance: number }>(
      await test.handle.db.execute(
        sql`select content, embedding <=> ${query}::vector as distance from memories
            where user_id = ${user.id} order by embedding <=> ${query}::vector`,
      ),
    )
    expect(ordered.map((r) => r.content)).toEqual(['near', 'mid', 'far'])
    expect(Number(ordered[0].distance)).toBeCloseTo(1 - 1 / Math.hypot(1, 0.1), 5)

    // The index is on half precision; search orders by that same expression.
    const half = sql`embedding::halfvec(384) <=> ${query}::halfvec(384)`
    const byHalf = rowsOf<{ content: string }>(
      await test.handle.db.execute(sql`select content from memories where user_id = ${user.id} order by ${half}`),
    )
    expect(byHalf.map((r) => r.content)).toEqual(['near', 'mid', 'far'])
    const plan = await test.handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`)
      return rowsOf<Record<string, string>>(await tx.execute(sql`explain select id from memories order by ${half} limit 5`))
    })
    expect(plan.map((r) => Object.values(r)[0]).join('\n')).toContain('memories_embedding_idx')
    // Search sends the query vector once and orders by the distance it selects: the same index.
    const aliased = await test.handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`)
      return rowsOf<Record<string, string>>(await tx.execute(sql`explain select id, ${half} as distance from memories order by distance limit 5`))
    })
    expect(aliased.map((r) => Object.values(r)[0]).join('\n')).toContain('memories_embedding_idx')
  })

  it('matches a list of any length as one parameter (anyOf), an empty one matching nothing', { timeout: 60_000 }, async () => {
    const user = await makeUser('+15550000009')
    const rows = await test.handle.db
      .insert(memories)
      .values(['one', 'two', 'three'].map((content, i) => ({ userId: user.id, tier: i ? ('general' as const) : ('chronological' as const), securityLevel: 1, content })))
      .returning()
    const contentWhere = async (condition: SQL) =>
      (await test.handle.db.select({ content: memories.content }).from(memories).where(and(eq(memories.userId, user.id), condition))).map((r) => r.content).sort()
    expect(await contentWhere(anyOf(memories.id, [rows[0].id, rows[2].id]))).toEqual(['one', 'three'])
    expect(await contentWhere(anyOf(memories.tier, ['general']))).toEqual(['three', 'two'])
    expect(await contentWhere(anyOf(memories.content, ['two', 'four']))).toEqual(['two'])
    expect(await contentWhere(anyOf(memories.id, []))).toEqual([])
    // Also on an embedded database migrated by the process that opened it (a first start),
    // whose array types were read before the migrations made tier[].
    if (!test.url) {
      const fresh = await openDatabase({})
      try {
        await fresh.migrate()
        const [owner] = await fresh.db.insert(users).values({ phone: '+15550000010' }).returning()
        await fresh.db.insert(memories).values({ userId: owner.id, tier: 'general', securityLevel: 1, content: 'fresh' })
        const found = await fresh.db.select({ content: memories.content }).from(memories).where(anyOf(memories.tier, ['chronological', 'general']))
        expect(found.map((r) => r.content)).toEqual(['fresh'])
      } finally {
        await fresh.close()
      }
    }
    // One statement text whatever the length, so one prepared statement per connection.
    const dialect = new PgDialect()
    const two = dialect.sqlToQuery(anyOf(memories.id, [rows[0].id, rows[1].id]))
    const three = dialect.sqlToQuery(anyOf(memories.id, rows.map((r) => r.id)))
    expect(two.sql).toBe(three.sql)
    expect(three.params).toEqual([rows.map((r) => r.id)])
  })

  it('finds a typo by trigram similarity in the vocabulary', async () => {
    const user = await makeUser('+15550000002')
    await test.handle.db.insert(memoryTerms).values(['visited', 'grandma', 'hospital', 'aisle', 'seats'].map((term) => ({ userId: user.id, term })))
    const rows = rowsOf<{ term: string; score: number }>(
      await test.handle.db.execute(
        sql`select term, similarity(term, 'hospitl') as score from memory_terms
            where user_id = ${user.id} and term % 'hospitl' order by score desc`,
      ),
    )
    expect(rows.map((r) => r.term)).toEqual(['hospital'])
    expect(Number(rows[0].score)).toBeGreaterThan(0.5)
  })

  it('moves the vector out of a long row first and keeps the tsvector in it', async () => {
    const rows = rowsOf<{ attname: string; attstorage: string }>(
      await test.handle.db.execute(sql`
        select attname, attstorage from pg_attribute
        where attrelid = 'memories'::regclass and attname in ('embedding', 'search_vector') order by attname`),
    )
    expect(rows).toEqual([
      { attname: 'embedding', attstorage: 'e' },
      { attname: 'search_vector', attstorage: 'm' },
    ])
    const [options] = rowsOf<{ reloptions: string[] | string }>(
      await test.handle.db.execute(sql`select reloptions from pg_class where oid = 'memories'::regclass`),
    )
    expect(String(options.reloptions)).toContain('toast_tuple_target=1024')
  })

  it('keeps a generated tsvector that full-text search matches with stemming', async () => {
    const user = await makeUser('+15550000003')
    const [row] = await test.handle.db
      .insert(memories)
      .values({ userId: user.id, tier: 'chronological', securityLevel: 1, content: 'Went running with my sisters' })
      .returning()
    const found = rowsOf<{ id: string; vector: string }>(
      await test.handle.db.execute(
        sql`select id, search_vector::text as vector from memories
            where user_id = ${user.id} and search_vector @@ websearch_to_tsquery('english', 'run sister')`,
      ),
    )
    expect(found.map((r) => r.id)).toEqual([row.id])
    expect(found[0].vector).toContain("'sister'")

    const missing = rowsOf(
      await test.handle.db.execute(
        sql`select id from memories where user_id = ${user.id}
            and search_vector @@ websearch_to_tsquery('english', 'run -sisters')`,
      ),
    )
    expect(missing).toEqual([])
  })

  it('leaves the tsvector empty for a row without plaintext (an encrypted tier)', async () => {
    const user = await makeUser('+15550000004')
    const [row] = await test.handle.db
      .insert(memories)
      .values({
        userId: user.id,
        tier: 'secret',
        securityLevel: 3,
        ciphertext: new Uint8Array([1, 2, 3]),
        nonce: new Uint8Array(12),
      })
      .returning()
    const [stored] = rowsOf<{ vector: string }>(
      await test.handle.db.execute(sql`select search_vector::text as vector from memories where id = ${row.id}`),
    )
    expect(stored.vector).toBe('')
  })
})
