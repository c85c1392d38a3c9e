// The access log resists the attacks a writer of the table has: cutting rows off its end,
// rewriting rows and recomputing the chain with the formula in the code, and, as the request
// role, updating or deleting rows at all (issue 21).
import { asc, eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { accessLog } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { recordAccess, removeCheckpoint, verifyAuditChain } from '@/lib/audit'
import { GENESIS_HASH, hashEntry, macEntry } from '@/lib/audit/chain'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'

setupTestDatabase()

let ids: number[]

beforeEach(async () => {
  await (await getDb()).delete(accessLog)
  removeCheckpoint()
  ids = []
  for (let i = 0; i < 6; i++) ids.push((await recordAccess({ action: `test.${i}`, success: true, ip: `10.0.1.${i}`, details: { n: i } })).id)
})

async function rows() {
  return (await getDb()).select().from(accessLog).orderBy(asc(accessLog.id))
}

/** Rewrites every row from `from` on with `seal`, as an attacker holding only the database would. */
async function recompute(seal: (prevHash: string, position: number, row: Awaited<ReturnType<typeof rows>>[number]) => { hash: string; chainVersion: number }) {
  const db = await getDb()
  let prevHash = GENESIS_HASH
  let position = 0
  for (const row of await rows()) {
    position++
    const sealed = seal(prevHash, position, row)
    await db.update(accessLog).set({ prevHash, hash: sealed.hash, chainVersion: sealed.chainVersion }).where(eq(accessLog.id, row.id))
    prevHash = sealed.hash
  }
}

describe('the keyed access log', () => {
  it('verifies when untouched', async () => {
    expect(await verifyAuditChain()).toEqual({ ok: true, rows: 6 })
  })

  it('sees the last rows cut off, and says which', async () => {
    await (await getDb()).execute(sql`delete from access_log where id > ${ids[3]}`)
    const verdict = await verifyAuditChain()
    expect(verdict).toMatchObject({ ok: false, problem: { kind: 'missing_tail', at: ids[5], range: { from: ids[3], to: ids[5] } } })
    expect(verdict.ok || verdict.reason).toMatch(new RegExp(`rows after ${ids[3]} are missing`))
  })

  it('sees the whole log emptied', async () => {
    await (await getDb()).delete(accessLog)
    expect(await verifyAuditChain()).toMatchObject({ ok: false, problem: { kind: 'missing_tail' } })
  })

  it('sees a row edited and the chain recomputed with the SHA-256 formula', async () => {
    await (await getDb()).update(accessLog).set({ success: false }).where(eq(accessLog.id, ids[2]))
    await recompute((prevHash, _position, row) => ({ hash: hashEntry(prevHash, row), chainVersion: 1 }))
    const verdict = await verifyAuditChain()
    // Every row is now a valid SHA-256 chain, but the last row no longer is the one checkpointed.
    expect(verdict).toMatchObject({ ok: false, problem: { kind: 'rewritten', at: ids[5] } })
  })

  it('sees a chain recomputed with the keyed formula but another key', async () => {
    await (await getDb()).update(accessLog).set({ success: false }).where(eq(accessLog.id, ids[2]))
    const guessed = Buffer.alloc(32, 7)
    await recompute((prevHash, position, row) => ({ hash: macEntry(guessed, prevHash, position, row), chainVersion: 2 }))
    expect(await verifyAuditChain()).toMatchObject({ ok: false, problem: { kind: 'edited', at: ids[0] } })
  })

  it('names an edited row', async () => {
    await (await getDb()).update(accessLog).set({ action: 'nothing.happened' }).where(eq(accessLog.id, ids[4]))
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: ids[4], problem: { kind: 'edited' } })
  })

  it('sees a forged checkpoint', async () => {
    const fs = await import('node:fs')
    const { checkpointFile } = await import('@/lib/audit/checkpoint')
    const head = JSON.parse(fs.readFileSync(checkpointFile(), 'utf8'))
    fs.writeFileSync(checkpointFile(), JSON.stringify({ ...head, id: ids[2], position: 3 }))
    expect(await verifyAuditChain()).toMatchObject({ ok: false, problem: { kind: 'checkpoint' } })
  })

  it('verifies older SHA-256 rows followed by keyed ones', async () => {
    const db = await getDb()
    await db.delete(accessLog)
    removeCheckpoint()
    let prevHash = GENESIS_HASH
    for (let i = 0; i < 3; i++) {
      const row = { action: `legacy.${i}`, success: true, details: {}, createdAt: new Date(Date.UTC(2026, 0, 1 + i)), userId: null, tier: null, ip: null, userAgent: null, device: null, riskScore: 0 }
      const hash = hashEntry(prevHash, row)
      await db.insert(accessLog).values({ ...row, prevHash, hash, chainVersion: 1 })
      prevHash = hash
    }
    await recordAccess({ action: 'keyed.1', success: true })
    await recordAccess({ action: 'keyed.2', success: true })
    expect(await verifyAuditChain()).toEqual({ ok: true, rows: 5 })
    const [legacy] = await rows()
    await db.update(accessLog).set({ action: 'legacy.edited' }).where(eq(accessLog.id, legacy.id))
    expect(await verifyAuditChain()).toMatchObject({ ok: false, brokenAt: legacy.id, problem: { kind: 'edited' } })
  })
})

describe('the request role', () => {
  it('may insert its own rows and read them, but neither update nor delete any', async () => {
    const user = await createUser()
    const attempt = (statement: ReturnType<typeof sql>) =>
      withUser(user.id, (tx) => tx.execute(statement)).then(
        () => 'done',
        (error: Error) => String((error.cause as { code?: string } | undefined)?.code ?? (error as { code?: string }).code ?? error.message),
      )
    const [mine] = rowsOfMine(await withUser(user.id, (tx) => tx.execute(sql`select id from access_log where user_id = ${user.id} order by id limit 1`)))
    expect(mine).toBeDefined()
    // 42501: insufficient privilege.
    expect(await attempt(sql`update access_log set success = false where id = ${mine.id}`)).toBe('42501')
    expect(await attempt(sql`delete from access_log where id = ${mine.id}`)).toBe('42501')
    expect(await attempt(sql`truncate access_log`)).toBe('42501')
    expect(await attempt(sql`insert into access_log (user_id, action, success, prev_hash, hash) values (${user.id}, 'x', true, 'a', 'b')`)).toBe('done')
  })
})

function rowsOfMine(result: unknown): { id: number }[] {
  return (Array.isArray(result) ? result : (result as { rows: { id: number }[] }).rows) as { id: number }[]
}
