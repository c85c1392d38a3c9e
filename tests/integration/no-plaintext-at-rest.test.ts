import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb, rowsOf } from '@/db'
import { captureMemory, updateMemory } from '@/lib/memories'
import { TIERS } from '@/lib/tiers'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { sessionFor } from '../fixtures/principal'

setupTestDatabase()

/** Every row of every table of the database, as text: what a thief with a dump would read. */
async function dumpEverything(): Promise<string> {
  const db = await getDb()
  const tables = rowsOf<{ schemaname: string; tablename: string }>(
    await db.execute(sql`select schemaname, tablename from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`),
  )
  const parts: string[] = []
  for (const { schemaname, tablename } of tables) {
    const rows = rowsOf<{ t: string }>(await db.execute(sql.raw(`select t::text as t from "${schemaname}"."${tablename}" t`)))
    parts.push(...rows.map((r) => r.t))
  }
  return parts.join('\n').toLowerCase()
}

describe('no plaintext of a protected tier at rest', () => {
  it('a dump of every table holds tier-1 words and none of tiers 2–4, with tags, reasoning and corrections', async () => {
    const user = await createUser()
    const principal = await sessionFor(user, { unlocks: { '3': new Date(Date.now() + 600_000).toISOString(), '4': new Date(Date.now() + 600_000).toISOString() } })
    const marker = (tier: string) => `zq${tier.slice(0, 5)}marker`
    for (const tier of TIERS) {
      await captureMemory(principal, { content: `family dinner with Grandma ${marker(tier)} and her lawyer about the mortgage`, tier })
    }
    // A memory the classifier files itself, then a move between protected tiers (a correction).
    const { memory } = await captureMemory(principal, { content: 'my bank PIN is 8264 for the zqmovedmarker account' })
    await updateMemory(principal, memory.id, { tier: 'ultrasecret' })

    const dump = await dumpEverything()
    expect(dump).toContain(marker('chronological'))
    expect(dump).toContain(marker('general'))
    for (const tier of ['confidential', 'secret', 'ultrasecret']) expect(dump).not.toContain(marker(tier))
    // Marker words use letters outside 0-9a-f, so they cannot turn up by chance in the hex text
    // of a ciphertext, a hash or a uuid (a bare number like a PIN can).
    expect(dump).not.toContain('zqmovedmarker')
  })
})
