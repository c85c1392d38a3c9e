// npm run bench:search-speed — 100,000 varied tier-1 memories for one user (plus other users'
// rows), then p50/p95/p99 of hybrid search for a fixed query mix, beside the plain full-text
// SQL (websearch_to_tsquery) as the floor. Runs on PGlite, or on PostgreSQL when DATABASE_URL
// is set (a scratch database is created and dropped).
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { closeDatabase, installDatabase, openDatabase, rowsOf, type DatabaseHandle } from '@/db'
import { addTermsByUser, termsOf } from '@/db/queries/memory-terms'
import { memories, users } from '@/db/schema'
import { withUser } from '@/db/with-user'
import type { Principal } from '@/lib/auth/principal'
import { SCOPES } from '@/lib/auth/scopes'
import { embedText } from '@/lib/embeddings'
import { search } from '@/lib/search'
import { percentile } from './data'

const TOTAL = Number(process.env.BENCH_MEMORIES ?? 100_000)
const OTHERS = Number(process.env.BENCH_OTHER_MEMORIES ?? 20_000)
const RUNS = Number(process.env.BENCH_RUNS ?? 200)

const SUBJECTS = ['mom', 'dad', 'Sam', 'the team', 'my sister', 'grandma', 'Lena', 'the landlord', 'the dentist', 'coach Marta', 'my boss', 'the kids']
const ACTIONS = ['had dinner with', 'called', 'went hiking with', 'argued with', 'met', 'drove to the airport with', 'cooked pasta for', 'watched a movie with', 'planned the trip with', 'visited']
const PLACES = ['at the hospital', 'in Lisbon', 'near the lake', 'at the office', 'downtown', 'at the gym', 'in the garden', 'at the beach', 'on the highway', 'at the library']
const EXTRAS = ['it rained all day', 'felt great afterwards', 'the car broke down', 'we laughed a lot', 'traffic was awful', 'bought new shoes', 'forgot my keys', 'the coffee was amazing', 'talked about money', 'made plans for summer']
const QUERIES = ['dinner with mom', 'hospitl', 'car trouble', 'hiking near the lake', 'argued with my boss', '"new shoes"', 'trip planning -summer', 'coffee', 'grandma garden', 'what did I do at the beach']

function note(i: number): string {
  const pick = <T,>(list: T[], salt: number) => list[(i * 7919 + salt * 104729) % list.length]
  return `${pick(ACTIONS, 1)} ${pick(SUBJECTS, 2)} ${pick(PLACES, 3)}, ${pick(EXTRAS, 4)} (#${i})`
}

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
    for (const row of rows) await addTermsByUser(handle.db, { userId, terms: termsOf(row.content) })
  }
}

const serverUrl = process.env.DATABASE_URL
let scratch: string | undefined
let handle: DatabaseHandle
if (serverUrl) {
  const { default: postgres } = await import('postgres')
  scratch = `mnemo_bench_${process.pid}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${scratch}`)
  await admin.end()
  const url = new URL(serverUrl)
  url.pathname = `/${scratch}`
  handle = await openDatabase({ url: url.toString() })
} else {
  handle = await openDatabase({})
}
try {
  await handle.migrate()
  installDatabase(handle)
  const [user, other] = await handle.db.insert(users).values([{ phone: '+14155550301' }, { phone: '+14155550302' }]).returning()
  let started = Date.now()
  await insertMany(handle, user.id, TOTAL)
  await insertMany(handle, other.id, OTHERS)
  await handle.db.execute(sql`analyze memories`)
  console.log(`${handle.kind}: inserted ${TOTAL} memories for one user and ${OTHERS} for another in ${((Date.now() - started) / 1000).toFixed(0)} s`)

  const principal: Principal = { user, kind: 'token', scopes: SCOPES, maxTierLevel: 1 }
  const hybrid: number[] = []
  const plain: number[] = []
  for (let i = 0; i < 20; i++) await search(principal, { query: QUERIES[i % QUERIES.length], limit: 20, offset: 0 })
  started = Date.now()
  for (let i = 0; i < RUNS; i++) {
    const query = QUERIES[i % QUERIES.length]
    let t = performance.now()
    await search(principal, { query, limit: 20, offset: 0 })
    hybrid.push(performance.now() - t)
    t = performance.now()
    await withUser(user.id, async (tx) =>
      rowsOf(
        await tx.execute(sql`
          select id from memories
          where user_id = ${user.id} and deleted_at is null and search_vector @@ websearch_to_tsquery('english', ${query})
          order by ts_rank_cd(search_vector, websearch_to_tsquery('english', ${query})) desc limit 20`),
      ),
    )
    plain.push(performance.now() - t)
  }
  hybrid.sort((a, b) => a - b)
  plain.sort((a, b) => a - b)
  const line = (name: string, xs: number[]) =>
    `${name.padEnd(26)} p50 ${percentile(xs, 50).toFixed(1)} ms  p95 ${percentile(xs, 95).toFixed(1)} ms  p99 ${percentile(xs, 99).toFixed(1)} ms`
  console.log(`${RUNS} searches over ${QUERIES.length} queries:`)
  console.log(line('hybrid (3 signals + RRF)', hybrid))
  console.log(line('plain full text SQL', plain))
  console.log(`hybrid p95 / plain p95: ${(percentile(hybrid, 95) / percentile(plain, 95)).toFixed(1)}×`)
} finally {
  await closeDatabase()
  if (scratch && serverUrl) {
    const { default: postgres } = await import('postgres')
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
    await admin.unsafe(`drop database if exists ${scratch} with (force)`)
    await admin.end()
  }
}
