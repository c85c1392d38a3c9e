import { eq, sql } from 'drizzle-orm'
import { beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { accessLog } from '@/db/schema'
import { recordAccess, removeCheckpoint, verifyAccessLog } from '@/lib/audit'
import { setupTestDatabase } from '../fixtures/db'

setupTestDatabase()

let ids: number[]

beforeEach(async () => {
  const db = await getDb()
  await db.delete(accessLog)
  removeCheckpoint()
  ids = []
  for (let i = 0; i < 5; i++) ids.push((await recordAccess({ action: `test.${i}`, success: i % 2 === 0, ip: `10.0.0.${i}`, details: { n: i } })).id)
})

describe('the hash-chained access log', () => {
  it('verifies when untouched', async () => {
    expect(await verifyAccessLog()).toEqual({ ok: true, rows: 5 })
  })

  it('names the edited row', async () => {
    await (await getDb()).update(accessLog).set({ success: true }).where(eq(accessLog.id, ids[1]))
    expect(await verifyAccessLog()).toMatchObject({ ok: false, brokenAt: ids[1], reason: expect.stringMatching(/edited/) })
  })

  it('names the row after a deleted one', async () => {
    await (await getDb()).delete(accessLog).where(eq(accessLog.id, ids[2]))
    expect(await verifyAccessLog()).toMatchObject({ ok: false, brokenAt: ids[3], reason: expect.stringMatching(/does not link/) })
  })

  it('names the first row of a reordering', async () => {
    const db = await getDb()
    // Swap the contents of two rows (their ids stay in place).
    await db.execute(sql`update access_log set id = -1 where id = ${ids[3]}`)
    await db.execute(sql`update access_log set id = ${ids[3]} where id = ${ids[4]}`)
    await db.execute(sql`update access_log set id = ${ids[4]} where id = -1`)
    expect(await verifyAccessLog()).toMatchObject({ ok: false, brokenAt: ids[3] })
  })

  it('catches a forged row inserted with a made-up hash', async () => {
    const db = await getDb()
    const [last] = await db.select().from(accessLog).where(eq(accessLog.id, ids[4]))
    await db.insert(accessLog).values({ action: 'forged', success: true, prevHash: last.hash, hash: 'f'.repeat(64) })
    const verdict = await verifyAccessLog()
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/edited/) })
  })
})
