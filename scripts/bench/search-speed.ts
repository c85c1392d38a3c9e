// npm run bench:search-speed — 100,000 varied tier-1 memories for one user (plus other users'
// rows; text from a Markov chain over LoCoMo's turns), then p50/p95/p99 of hybrid search for a
// fixed query mix and of each of its stages, beside the floors: the plain full-text SQL
// (websearch_to_tsquery: every word must match), in the app's usual transaction and in the
// read transaction the hybrid uses, and plain full text where any word may match.
// Runs on PGlite, or on PostgreSQL when DATABASE_URL is set (a scratch database is created and
// dropped; BENCH_KEEP=1 keeps it as mnemo_bench_search and a later run with BENCH_KEEP=1
// reuses it instead of inserting again; on PGlite BENCH_KEEP=1 keeps the data in
// .data/bench-search).
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { closeDatabase, dataDirectory, installDatabase, openDatabase, rowsOf, type DatabaseHandle } from '@/db'
import { termsOf } from '@/db/queries/memory-terms'
import { memories, memoryTerms, users } from '@/db/schema'
import { readAsUser, withUser } from '@/db/with-user'
import type { Principal } from '@/lib/auth/principal'
import { SCOPES } from '@/lib/auth/scopes'
import { embedText } from '@/lib/embeddings'
import { search, searchFilters, type SearchTimings } from '@/lib/search'
import { MEANING_SETTINGS, nearestNeighbours, tierOneWhere } from '@/lib/search/signals'
import { parseQuery, positiveTsQuery } from '@/lib/search/query'
import { percentile, requireBenchData } from './data'

const TOTAL = Number(process.env.BENCH_MEMORIES ?? 100_000)
const OTHERS = Number(process.env.BENCH_OTHER_MEMORIES ?? 20_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 200)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const KEEP = process.env.BENCH_KEEP === '1'

const QUERIES = ['dinner with mom', 'hospitl', 'car trouble', 'hiking near the lake', 'argued with my boss', '"new shoes"', 'trip planning -summer', 'coffee', 'grandma garden', 'what did I do at the beach']

// Varied text: a word-bigram Markov chain over LoCoMo's conversation turns, so word frequencies
// follow natural language (a few very common words, a long tail of rare ones) and no two
// memories are copies. Seeded, so every run searches the same 100,000 memories.
function markovWriter(): (i: number) => string {
  const file = requireBenchData('locomo-dev.json')
  if (!file) process.exit(0)
  const turns: string[] = []
  for (const conv of JSON.parse(fs.readFileSync(file, 'utf8')) as { conversation: Record<string, unknown> }[]) {
    for (const [key, value] of Object.entries(conv.conversation)) {
      if (/^session_\d+$/.test(key) && Array.isArray(value)) for (const turn of value as { text: string }[]) turns.push(turn.text)
    }
  }
  const next = new Map<string, string[]>()
  const starts: string[] = []
  for (const turn of turns) {
    const words = turn.split(/\s+/).filter(Boolean)
    if (words.length === 0) continue
    starts.push(words[0])
    words.forEach((w, k) => {
      const following = next.get(w) ?? []
      following.push(words[k + 1] ?? '')
      next.set(w, following)
    })
  }
  let seed = 0x6d6e656d
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)]
  return (i) => {
    const words = [pick(starts)]
    while (words.length < 40) {
      const word = pick(next.get(words[words.length - 1]) ?? [''])
      if (!word) break
      words.push(word)
    }
    return `${words.join(' ')} (#${i})`
  }
}
const note = markovWriter()

async function insertMany(handle: DatabaseHandle, userId: string, count: number) {
  const batch = 500
  for (let start = 0; start < count; start += batch) {
    const rows = []
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const content = note(i)
      const { vector, model } = await embedText(content)
      rows.push({
        id: randomUUID(),
        userId,
        tier: i % 3 ? ('chronological' as const) : ('general' as const),
        securityLevel: 1,
        content,
        tags: [['family', 'work', 'travel', 'food', 'fitness'][i % 5]],
        source: 'api' as const,
        occurredAt: new Date(Date.UTC(2024, 0, 1) + i * 600_000),
        embedding: vector,
        embeddingModel: model,
      })
    }
    await handle.db.insert(memories).values(rows)
    // The vocabulary the app keeps on capture (addTermsByUser), counted for the whole batch at once.
    const counts = new Map<string, number>()
    for (const row of rows) for (const term of termsOf(row.content)) counts.set(term, (counts.get(term) ?? 0) + 1)
    await handle.db
      .insert(memoryTerms)
      .values([...counts].map(([term, count]) => ({ userId, term, count })))
      .onConflictDoUpdate({ target: [memoryTerms.userId, memoryTerms.term], set: { count: sql`${memoryTerms.count} + excluded.count` } })
  }
}

const serverUrl = process.env.DATABASE_URL
let scratch: string | undefined
let handle: DatabaseHandle
if (serverUrl) {
  const { default: postgres } = await import('postgres')
  scratch = KEEP ? 'mnemo_bench_search' : `mnemo_bench_${process.pid}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  const [exists] = await admin`select 1 from pg_database where datname = ${scratch}`
  if (!exists) await admin.unsafe(`create database ${scratch}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${scratch}`
  handle = await openDatabase({ url: url.toString() })
} else {
  // In memory, or with BENCH_KEEP=1 in .data/bench-search (reused by the next such run).
  handle = await openDatabase(KEEP ? { dataDir: path.join(dataDirectory(), 'bench-search') } : {})
}
try {
  await handle.migrate()
  installDatabase(handle)
  const started = Date.now()
  let [user] = await handle.db.select().from(users).where(eq(users.phone, '+14155550301'))
  if (!user) {
    const [mine, other] = await handle.db.insert(users).values([{ phone: '+14155550301' }, { phone: '+14155550302' }]).returning()
    user = mine
    // As pgvector advises for a bulk load: the vector index is built once after the rows are in
    // (with room to build the graph in memory), not grown one insert at a time, which on PGlite
    // took over an hour. The same definition as the migrations', read back from the catalogue.
    const vectorIndex = rowsOf<{ definition: string }>(await handle.db.execute(sql`select pg_get_indexdef('memories_embedding_idx'::regclass) as definition`))[0]
    await handle.db.execute(sql`drop index memories_embedding_idx`)
    await insertMany(handle, user.id, TOTAL)
    await insertMany(handle, other.id, OTHERS)
    const building = Date.now()
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local maintenance_work_mem = '1GB'`)
      await tx.execute(sql.raw(vectorIndex.definition))
    })
    console.log(`${handle.kind}: vector index built in ${((Date.now() - building) / 1000).toFixed(0)} s`)
    await handle.db.execute(sql`vacuum analyze memories`)
    await handle.db.execute(sql`vacuum analyze memory_terms`)
    console.log(`${handle.kind}: inserted ${TOTAL} memories for one user and ${OTHERS} for another in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  } else {
    console.log(`${handle.kind}: reusing ${scratch ?? path.join(dataDirectory(), 'bench-search')} (BENCH_KEEP=1)`)
  }

  const principal: Principal = { user, kind: 'token', scopes: SCOPES, maxTierLevel: 1 }
  const stages: Record<string, number[]> = {}
  // Off during warm-ups: their stages are not counted.
  let counting = false
  const hybrid = async (query: string) => {
    const timings: SearchTimings = {}
    await search(principal, { query, limit: 20, offset: 0 }, undefined, timings)
    if (counting) for (const [stage, ms] of Object.entries(timings)) if (stage !== 'total') (stages[stage] ??= []).push(ms)
  }
  const plainIn = (transaction: typeof withUser) => (query: string) =>
    transaction(user.id, async (tx) =>
      rowsOf(
        await tx.execute(sql`
          select id from memories
          where user_id = ${user.id} and deleted_at is null and search_vector @@ websearch_to_tsquery('english', ${query})
          order by ts_rank_cd(search_vector, websearch_to_tsquery('english', ${query})) desc limit 20`),
      ),
    )
  // The plain statement in the transaction every request of the app runs in (withUser), and in
  // the read transaction the hybrid's signals run in (readAsUser: on a server its BEGIN and
  // settings cost no round trip of their own).
  const plain = plainIn(withUser)
  const plainRead = plainIn(readAsUser)
  // A like-for-like floor for the word signal: plain full text where any word may match (what
  // the hybrid's words rank), without idf, pruning, typos, meaning or highlights.
  const anyWord = async (query: string) => {
    const wanted = positiveTsQuery(parseQuery(query))
    if (!wanted) return
    await withUser(user.id, async (tx) =>
      rowsOf(
        await tx.execute(sql`
          select id from memories
          where user_id = ${user.id} and deleted_at is null and search_vector @@ to_tsquery('english', ${wanted})
          order by ts_rank(search_vector, to_tsquery('english', ${wanted})) desc limit 20`),
      ),
    )
  }
  // The meaning signal's statement alone (the HNSW nearest neighbours, as search sends it, in
  // the same read transaction): the hybrid waits for it, so it bounds the hybrid from below.
  const nearestOnly = async (query: string) => {
    const q = parseQuery(query)
    const where = tierOneWhere(searchFilters(user.id, {}, ['chronological', 'general']), q)
    const embedding = await embedText(q.text || q.phrases.flat().join(' '))
    await readAsUser(user.id, async (tx) => rowsOf(await tx.execute(nearestNeighbours(where, embedding))), { settings: MEANING_SETTINGS })
  }
  // Each method in passes of its own (after a warm-up), so one's reads do not evict the pages
  // the next one needs; the passes alternate (ROUNDS of them for each method, RUNS searches in
  // all), so a machine that slows down or speeds up during the run weighs on every method alike.
  const measure = async (run: (query: string) => Promise<unknown>, runs: number, times: number[]) => {
    counting = false
    for (let i = 0; i < 20; i++) await run(QUERIES[i % QUERIES.length])
    counting = true
    for (let i = 0; i < runs; i++) {
      const t = performance.now()
      await run(QUERIES[i % QUERIES.length])
      times.push(performance.now() - t)
    }
  }
  const plainTimes: number[] = []
  const plainReadTimes: number[] = []
  const anyWordTimes: number[] = []
  const nearestTimes: number[] = []
  const hybridTimes: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const runs = Math.round(((round + 1) * RUNS) / ROUNDS) - Math.round((round * RUNS) / ROUNDS)
    await measure(plain, runs, plainTimes)
    await measure(plainRead, runs, plainReadTimes)
    await measure(anyWord, runs, anyWordTimes)
    await measure(nearestOnly, runs, nearestTimes)
    await measure(hybrid, runs, hybridTimes)
  }
  for (const xs of [plainTimes, plainReadTimes, anyWordTimes, nearestTimes, hybridTimes]) xs.sort((a, b) => a - b)
  const line = (name: string, xs: number[]) =>
    `${name.padEnd(26)} p50 ${percentile(xs, 50).toFixed(1)} ms  p95 ${percentile(xs, 95).toFixed(1)} ms  p99 ${percentile(xs, 99).toFixed(1)} ms`
  const settings = serverUrl
    ? rowsOf<{ shared_buffers: string }>(await handle.db.execute(sql`select current_setting('shared_buffers') as shared_buffers`))[0]
    : null
  console.log(`${RUNS} searches in ${ROUNDS} passes over ${QUERIES.length} queries (${handle.kind}${settings ? `, shared_buffers ${settings.shared_buffers}` : ''}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}):`)
  console.log(line('hybrid (3 signals + RRF)', hybridTimes))
  // On PostgreSQL the signals run at the same time on the pool, each list with its rows.
  for (const [stage, xs] of Object.entries(stages)) console.log(line(`  ${stage}`, xs.sort((a, b) => a - b)))
  console.log(line('plain full text SQL', plainTimes))
  console.log(line('  in a read transaction', plainReadTimes))
  console.log(line('any-word full text SQL', anyWordTimes))
  console.log(line('nearest neighbours alone', nearestTimes))
  const ratio = (xs: number[]) => (percentile(hybridTimes, 95) / percentile(xs, 95)).toFixed(1)
  console.log(`hybrid p95 / plain p95: ${ratio(plainTimes)}×, / plain p95 in a read transaction: ${ratio(plainReadTimes)}×, / any-word p95: ${ratio(anyWordTimes)}×`)
  const over = (xs: number[], ys: number[]) => (percentile(xs, 95) / percentile(ys, 95)).toFixed(1)
  console.log(`nearest neighbours alone p95 / plain p95: ${over(nearestTimes, plainTimes)}×, / plain p95 in a read transaction: ${over(nearestTimes, plainReadTimes)}×`)
} finally {
  await closeDatabase()
  if (scratch && serverUrl && !KEEP) {
    const { default: postgres } = await import('postgres')
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
    await admin.unsafe(`drop database if exists ${scratch} with (force)`)
    await admin.end()
  }
}
