// The full-text signal on its own: MaxScore pruning must give exactly the unpruned ranking,
// the batched typo lookup, and the GIN indexes being usable under row level security.
import { randomUUID } from 'node:crypto'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb, rowsOf } from '@/db'
import { listQueryTermsByUser, termsOf } from '@/db/queries/memory-terms'
import { memories, memoryTerms, type User } from '@/db/schema'
import { withUser } from '@/db/with-user'
import type { Tx } from '@/db'
import { fullText, termsOfGroups, weighGroups } from '@/lib/search/words'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'

setupTestDatabase()

let user: User
const FILLER = ['river', 'window', 'market', 'letter', 'garden', 'bridge', 'pencil', 'cloud']

/** Tier-1 memories written straight into the tables, with the vocabulary the app would keep. */
async function insert(userId: string, texts: string[]) {
  const db = await getDb()
  const start = Date.UTC(2026, 0, 1)
  await db.insert(memories).values(
    texts.map((content, i) => ({
      id: randomUUID(),
      userId,
      tier: 'chronological' as const,
      securityLevel: 1,
      content,
      source: 'api' as const,
      occurredAt: new Date(start + i * 60_000),
      createdAt: new Date(start + i * 60_000),
    })),
  )
  const counts = new Map<string, number>()
  for (const text of texts) for (const term of termsOf(text)) counts.set(term, (counts.get(term) ?? 0) + 1)
  await db.insert(memoryTerms).values([...counts].map(([term, count]) => ({ userId, term, count })))
}

beforeAll(async () => {
  user = await createUser()
  const texts: string[] = []
  // 80 memories hold the rare word (some also the common one, nearer or farther apart),
  // 400 hold only the common word, 40 hold neither.
  for (let i = 0; i < 80; i++) {
    const filler = FILLER.slice(0, i % FILLER.length).join(' ')
    texts.push(i % 3 === 0 ? `zeppelin ${filler} walk` : i % 3 === 1 ? `walk zeppelin ${filler}` : `the zeppelin ${filler}`)
  }
  for (let i = 0; i < 400; i++) texts.push(`walk ${FILLER.slice(0, i % FILLER.length).join(' ')} ${i % 7 === 0 ? 'walk' : ''}`)
  for (let i = 0; i < 40; i++) texts.push(`quiet ${FILLER[i % FILLER.length]} morning`)
  await insert(user.id, texts)
  await (await getDb()).execute(sql`analyze memories`)
})

const mine = () => and(eq(memories.userId, user.id), isNull(memories.deletedAt))!
const weigh = async (tx: Tx, groups: string[][]) =>
  weighGroups(groups, (await listQueryTermsByUser(tx, { userId: user.id, terms: termsOfGroups(groups) })).vocabulary)

describe('MaxScore pruning of the full-text signal', () => {
  it('ranks exactly as without pruning when the rare word decides the list', async () => {
    await withUser(user.id, async (tx) => {
      const groups = await weigh(tx, [['walk'], ['zeppelin']])
      expect(groups.map((g) => g.df)).toEqual([400 + 54, 80])
      const pruned = await fullText(tx, mine(), 'walk | zeppelin', groups, { limit: 20, budget: 100 })
      const full = await fullText(tx, mine(), 'walk | zeppelin', groups, { limit: 20, budget: 0 })
      expect(pruned.pruned).toBe(true)
      expect(full.pruned).toBe(false)
      expect(pruned.ids).toEqual(full.ids)
      expect(pruned.ids).toHaveLength(20)
    })
  })

  it('ranks every match when the rare word cannot fill the list above what the common one could reach', async () => {
    await withUser(user.id, async (tx) => {
      const groups = await weigh(tx, [['walk'], ['zeppelin']])
      // Asking for more than the 80 memories holding "zeppelin": the common word must be ranked too.
      const pruned = await fullText(tx, mine(), 'walk | zeppelin', groups, { limit: 100, budget: 100 })
      const full = await fullText(tx, mine(), 'walk | zeppelin', groups, { limit: 100, budget: 0 })
      expect(pruned.pruned).toBe(false)
      expect(pruned.ids).toEqual(full.ids)
      expect(pruned.ids).toHaveLength(100)
    })
  })

  it('tries the rarest word alone first, even when the budget would hold every word', async () => {
    await withUser(user.id, async (tx) => {
      const groups = await weigh(tx, [['walk'], ['zeppelin']])
      const pruned = await fullText(tx, mine(), 'walk | zeppelin', groups, { limit: 20, budget: 100_000 })
      const full = await fullText(tx, mine(), 'walk | zeppelin', groups, { limit: 20, budget: 0 })
      expect(pruned.pruned).toBe(true)
      expect(pruned.ids).toEqual(full.ids)
    })
  })

  it('gives stop words no weight: they never match, so they cannot stop the pruning', async () => {
    await withUser(user.id, async (tx) => {
      // "the" stands in a third of the memories holding "zeppelin", but full text ignores it.
      const groups = await weigh(tx, [['the'], ['walk'], ['zeppelin']])
      expect(groups.map((g) => g.tsquery)).toEqual(['walk', 'zeppelin'])
      const pruned = await fullText(tx, mine(), 'the | walk | zeppelin', groups, { limit: 20 })
      const full = await fullText(tx, mine(), 'the | walk | zeppelin', groups, { limit: 20, budget: 0 })
      expect(pruned.pruned).toBe(true)
      expect(pruned.ids).toEqual(full.ids)
      expect(await weigh(tx, [['the'], ['with']])).toEqual([])
      expect((await fullText(tx, mine(), 'the | with', [])).ids).toEqual([])
    })
  })

  it('ranks the memories holding every word first when the words weigh about the same', async () => {
    const other = await createUser()
    // 100 memories hold both words, 150 each only one, 1,000 neither: each word is in 250 of
    // 1,400, so neither outweighs the other and the rarest-first step cannot apply.
    const texts = [
      ...Array.from({ length: 100 }, (_, i) => `storm ${FILLER.slice(0, i % FILLER.length).join(' ')} harbour${i % 4 ? '' : ' storm'}`),
      ...Array.from({ length: 150 }, (_, i) => `storm ${FILLER[i % FILLER.length]}`),
      ...Array.from({ length: 150 }, (_, i) => `harbour ${FILLER[i % FILLER.length]} ${i % 5 ? '' : 'harbour'}`),
      ...Array.from({ length: 1000 }, (_, i) => `quiet ${FILLER[i % FILLER.length]} morning`),
    ]
    await insert(other.id, texts)
    await withUser(other.id, async (tx) => {
      const groups = weighGroups([['storm'], ['harbour']], (await listQueryTermsByUser(tx, { userId: other.id, terms: ['storm', 'harbour'] })).vocabulary)
      expect(groups.map((g) => g.df)).toEqual([250, 250])
      const theirs = and(eq(memories.userId, other.id), isNull(memories.deletedAt))!
      const pruned = await fullText(tx, theirs, 'storm | harbour', groups, { limit: 20, budget: 100 })
      const full = await fullText(tx, theirs, 'storm | harbour', groups, { limit: 20, budget: 0 })
      expect(pruned.pruned).toBe(true)
      expect(full.pruned).toBe(false)
      expect(pruned.ids).toEqual(full.ids)
      // More than hold both: every match is ranked, with the same answer.
      const more = await fullText(tx, theirs, 'storm | harbour', groups, { limit: 150, budget: 100 })
      expect(more.pruned).toBe(false)
      expect(more.ids).toEqual((await fullText(tx, theirs, 'storm | harbour', groups, { limit: 150, budget: 0 })).ids)
    })
  })

  it('never prunes a query of one word', async () => {
    await withUser(user.id, async (tx) => {
      const groups = await weigh(tx, [['walk']])
      const { ids, pruned } = await fullText(tx, mine(), 'walk', groups, { limit: 10, budget: 100_000 })
      expect(pruned).toBe(false)
      expect(ids).toHaveLength(10)
    })
  })
})

describe('stop words', () => {
  it('are exactly the words PostgreSQL\'s English full text drops, among the ones mnemo lists', async () => {
    const { STOP_WORDS } = await import('@/lib/search/stop-words')
    const listed = [...STOP_WORDS]
    const kept = ['mother', 'trip', 'new', 'like', 'beach', 'hospital', 'coffee', 'dinner']
    const rows = rowsOf<{ word: string; dropped: boolean }>(
      await (await getDb()).execute(sql`
        select w as word, numnode(to_tsquery('english', w)) = 0 as dropped from unnest(${sql.param([...listed, ...kept])}::text[]) as w`),
    )
    const dropped = new Map(rows.map((r) => [r.word, r.dropped]))
    expect(listed.filter((w) => !dropped.get(w))).toEqual([])
    expect(kept.filter((w) => dropped.get(w))).toEqual([])
  })
})

describe('typo lookup', () => {
  it('corrects several words in one statement and leaves known words alone', async () => {
    const { corrections: found, vocabulary } = await withUser(user.id, (tx) =>
      listQueryTermsByUser(tx, { userId: user.id, terms: ['walk', 'the'], correct: ['zepelin', 'walk', 'markte', 'xyzzyq'] }),
    )
    expect(found.get('zepelin')).toContain('zeppelin')
    expect(found.get('markte')).toContain('market')
    expect(found.has('walk')).toBe(false)
    expect(found.has('xyzzyq')).toBe(false)
    // The corrections come weighed: how many memories hold them, and how many there are.
    expect(vocabulary.counts.get('zeppelin')).toBe(80)
    expect(vocabulary.documents).toBe(520)
    // …in the same statement as the query words' own counts.
    expect(vocabulary.counts.get('walk')).toBe(454)
  })
})

describe('word counts', () => {
  it('count every word that shares a stem, as full text matches them, and the rest as written', async () => {
    const other = await createUser()
    await insert(other.id, ['planning the trip', 'we planned it all', 'plans changed again', 'a plan at last', 'the planets tonight'])
    const { vocabulary } = await withUser(other.id, (tx) => listQueryTermsByUser(tx, { userId: other.id, terms: ['planning', 'planet', 'the', 'zeppelin'] }))
    const matching = async (word: string) =>
      (await withUser(other.id, (tx) => tx.select({ id: memories.id }).from(memories).where(sql`search_vector @@ to_tsquery('english', ${word})`))).length
    expect(vocabulary.counts.get('planning')).toBe(4)
    expect(await matching('planning')).toBe(4)
    expect(vocabulary.counts.get('planet')).toBe(1)
    expect(await matching('planet')).toBe(1)
    // A stop word has no stem: its own count; a word never written: none.
    expect(vocabulary.counts.get('the')).toBe(2)
    expect(vocabulary.counts.has('zeppelin')).toBe(false)
    expect(vocabulary.documents).toBe(5)
  })
})

describe('indexes under row level security', () => {
  it('marks the matching operators leakproof, so the policies do not force a full read', async () => {
    const db = await getDb()
    const rows = rowsOf<{ proname: string; proleakproof: boolean }>(
      await db.execute(sql`
        select p.proname, p.proleakproof from pg_operator o join pg_proc p on p.oid = o.oprcode
        where (o.oprname = '@@' and o.oprleft = 'tsvector'::regtype and o.oprright = 'tsquery'::regtype)
           or (o.oprname = '%' and o.oprleft = 'text'::regtype and o.oprright = 'text'::regtype)`),
    )
    expect(rows.map((r) => r.proname).sort()).toEqual(['similarity_op', 'ts_match_vq'])
    expect(rows.every((r) => r.proleakproof)).toBe(true)
  })

  it('searches the application role’s rows through the GIN index', async () => {
    // Enough memories that reading them all would cost more than the index: the planner must
    // be allowed to match words inside the index, before the policy's check.
    const many = await createUser()
    const db = await getDb()
    await db.execute(sql`
      insert into memories (id, user_id, tier, security_level, content, source, occurred_at)
      select gen_random_uuid(), ${many.id}, 'chronological', 1, 'filler note number ' || g || case when g = 7 then ' albatross' else '' end, 'api', now()
      from generate_series(1, 5000) as g`)
    // As autovacuum would: new GIN entries wait in a pending list until then.
    await db.execute(sql`select gin_clean_pending_list('memories_search_idx')`)
    await db.execute(sql`analyze memories`)
    const plan = await withUser(many.id, async (tx) => {
      // (A table this small is cheaper to read whole; that choice is not the one under test.)
      await tx.execute(sql`set local enable_seqscan = off`)
      const rows = rowsOf<Record<string, string>>(
        await tx.execute(sql`explain select id from memories where search_vector @@ to_tsquery('english', 'albatross')`),
      )
      return rows.map((r) => Object.values(r)[0]).join('\n')
    })
    expect(plan).toMatch(/Index Cond: .*search_vector @@/)
    const found = await withUser(many.id, async (tx) =>
      rowsOf<{ content: string }>(await tx.execute(sql`select content from memories where search_vector @@ to_tsquery('english', 'albatross')`)),
    )
    expect(found.map((r) => r.content)).toEqual(['filler note number 7 albatross'])
  })

  it('still shows the application role only its own rows', async () => {
    const other = await createUser()
    await insert(other.id, ['zeppelin seen by someone else'])
    const seen = await withUser(user.id, async (tx) =>
      rowsOf<{ user_id: string }>(await tx.execute(sql`select user_id from memories where search_vector @@ to_tsquery('english', 'zeppelin')`)),
    )
    expect(seen.length).toBe(80)
    expect(seen.every((r) => r.user_id === user.id)).toBe(true)
  })
})

describe('a list with the columns of its first rows only', () => {
  it('ranks as the list with every row’s columns, and brings those of the first `wide`', async () => {
    await withUser(user.id, async (tx) => {
      const groups = await weigh(tx, [['walk'], ['zeppelin']])
      const all = await fullText(tx, mine(), 'walk | zeppelin', groups, { limit: 30, budget: 0 })
      const some = await fullText(tx, mine(), 'walk | zeppelin', groups, { limit: 30, budget: 0, wide: 5 })
      expect(some.ids).toEqual(all.ids)
      expect(all.rows.map((r) => r.id)).toEqual(all.ids)
      expect(some.rows.map((r) => r.id)).toEqual(all.ids.slice(0, 5))
      expect(some.rows).toEqual(all.rows.slice(0, 5))
      // And so when MaxScore prunes.
      const pruned = await fullText(tx, mine(), 'walk | zeppelin', groups, { limit: 20, budget: 100, wide: 3 })
      expect(pruned.pruned).toBe(true)
      expect(pruned.ids).toEqual(all.ids.slice(0, 20))
      expect(pruned.rows.map((r) => r.id)).toEqual(all.ids.slice(0, 3))
      expect((await fullText(tx, mine(), 'walk | zeppelin', groups, { limit: 20, wide: 0 })).rows).toEqual([])
    })
  })
})
