// A server's connections can die under the app: a restart, a failover, an administrator ending
// sessions. The statements on them fail, and the pool must come back: every later request
// answers, none waits for ever (postgres-js 3.4.9 and 3.4.10 leave a connection stuck so, mended by
// patches/postgres+3.4.10.patch). The embedded database has no connections to lose: this runs
// when DATABASE_URL names a server (vitest.config.ts).
import postgres from 'postgres'
import { beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@/db/schema'
import type { Principal } from '@/lib/auth/principal'
import { captureMemory } from '@/lib/memories'
import { search } from '@/lib/search'
import { createUser } from '../../fixtures/accounts'
import { setupTestDatabase } from '../../fixtures/db'
import { sessionFor } from '../../fixtures/principal'

const database = setupTestDatabase()

let user: User
let session: Principal

beforeAll(async () => {
  user = await createUser()
  session = await sessionFor(user)
  for (const content of ['Dinner with mom at the harbour', 'Coffee with Ana before work', 'The garden needs new tulip bulbs']) {
    await captureMemory(session, { content, tier: 'general' })
  }
})

/** Settles within `ms` (as 'ok' or the error's message), or says it still waits. */
function settled(work: Promise<unknown>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined
  const waiting = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('still waiting'), ms)
  })
  return Promise.race([work.then(() => 'ok', (error: Error) => String(error.cause ?? error.message)), waiting]).finally(() => clearTimeout(timer))
}

describe('when the server ends connections mid-request', () => {
  it('fails the requests caught in it, then answers every one as before', { timeout: 60_000 }, async () => {
    const admin = postgres(database.url!, { max: 1, onnotice: () => {} })
    const until = Date.now() + 4_000
    try {
      // Searches (two transactions each, statements pipelined) while most of the database's
      // connections are ended every tenth of a second.
      const killing = (async () => {
        while (Date.now() < until) {
          await new Promise((resolve) => setTimeout(resolve, 100))
          await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and random() < 0.5`
        }
      })()
      const outcomes: string[] = []
      const searching = Array.from({ length: 4 }, async () => {
        while (Date.now() < until) outcomes.push(await settled(search(session, { query: 'dinner with mom', limit: 5, offset: 0 }), 15_000))
      })
      await Promise.all([killing, ...searching])
      // The storm did reach the searches, and searches still answered during it: about half
      // of them on a quiet machine, fewer on a busy one, where each takes longer and is caught
      // more often. (One in about ten runs, one of the few hundred searches caught in it was
      // seen not to settle within 15 s; the fourth mend of patches/postgres+3.4.10.patch made that
      // rarer, but it is not asserted here. What the unmended driver did is below: nothing
      // answered afterwards.)
      expect(outcomes.some((o) => o !== 'ok' && o !== 'still waiting')).toBe(true)
      expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThan(outcomes.length / 5)

      // Afterwards each dead connection may fail once more; then everything answers.
      const after: string[] = []
      for (let i = 0; i < 30; i++) after.push(await settled(search(session, { query: 'coffee', limit: 5, offset: 0 }), 10_000))
      expect(after).not.toContain('still waiting')
      expect(after.slice(-10)).toEqual(Array(10).fill('ok'))
      const { items } = await search(session, { query: 'tulip', limit: 5, offset: 0 })
      expect(items.map((h) => h.memory.content)).toEqual(['The garden needs new tulip bulbs'])
    } finally {
      await admin.end()
    }
  })
})

// The error a server ends a session with ("terminating connection due to administrator
// command"), when it comes during a statement, was kept by postgres-js 3.4.9 past the session's
// end and handed to the first statement of the connection opened in its place: every ended
// connection failed one request more once it was back. Mended by patches/postgres+3.4.10.patch.
describe('a connection the server ends during a statement', () => {
  it('fails that statement, and the next one runs on a new session', { timeout: 20_000 }, async () => {
    const sql = postgres(database.url!, { max: 1, onnotice: () => {} })
    const admin = postgres(database.url!, { max: 1, onnotice: () => {} })
    try {
      const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`
      const sleeping = settled(sql`select pg_sleep(3)`.execute(), 5_000)
      await new Promise((resolve) => setTimeout(resolve, 300))
      await admin`select pg_terminate_backend(${pid})`
      expect(await sleeping).not.toBe('ok')
      expect(await settled(sql`select 1`, 5_000)).toBe('ok')
      const [{ pid: now }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`
      expect(now).not.toBe(pid)
    } finally {
      await Promise.all([sql.end({ timeout: 1 }), admin.end()])
    }
  })
})
