import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { memories, tierKeys } from '@/db/schema'
import { GET as health } from '@/app/api/health/route'
import { checkMasterKey } from '@/lib/crypto/check'
import { forgetDataKeys } from '@/lib/crypto/data-keys'
import { masterKey, parseMasterKey, resetMasterKeyCache } from '@/lib/crypto/master-key'
import { rotateMasterKey } from '@/lib/crypto/rotate'
import { getMemory, captureMemory } from '@/lib/memories'
import { search } from '@/lib/search'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { sessionFor } from '../fixtures/principal'

setupTestDatabase()

function setKeys(current?: string, previous?: string) {
  if (current) process.env.MNEMO_MASTER_KEY = current
  else delete process.env.MNEMO_MASTER_KEY
  if (previous) process.env.MNEMO_PREVIOUS_MASTER_KEY = previous
  else delete process.env.MNEMO_PREVIOUS_MASTER_KEY
  resetMasterKeyCache()
  forgetDataKeys()
}

afterEach(() => setKeys())

/** A user, with tier 3 unlocked, under a fresh master key; and the key that will replace it. */
async function userUnderKey() {
  const oldKey = randomBytes(32).toString('base64')
  const newKey = randomBytes(32).toString('base64')
  setKeys(oldKey)
  const user = await createUser()
  const session = await sessionFor(user, { unlocks: { '3': new Date(Date.now() + 600_000).toISOString() } })
  return { oldKey, newKey, user, session }
}

/** Whether every data key of the user is wrapped by `key`. */
async function wrappedOnlyBy(userId: string, key: string) {
  const rows = await (await getDb()).select().from(tierKeys).where(eq(tierKeys.userId, userId))
  return rows.length > 0 && rows.every((k) => k.masterKeyId === parseMasterKey(key, 'x').id)
}

describe('the master key', () => {
  it('rotates: data keys rewrapped, memories untouched and still readable', async () => {
    const { newKey, user, session } = await userUnderKey()
    const { memory } = await captureMemory(session, { content: 'storage unit code 5512', tier: 'secret' })
    const db = await getDb()
    const [before] = await db.select().from(memories).where(eq(memories.id, memory.id))

    const { rewrapped } = await rotateMasterKey({ from: masterKey(), to: parseMasterKey(newKey, 'new') })
    expect(rewrapped).toBeGreaterThanOrEqual(1)
    const [after] = await db.select().from(memories).where(eq(memories.id, memory.id))
    expect(Buffer.from(after.ciphertext!).equals(Buffer.from(before.ciphertext!))).toBe(true)
    expect((await db.select().from(tierKeys).where(eq(tierKeys.userId, user.id))).every((k) => k.masterKeyId === parseMasterKey(newKey, 'x').id)).toBe(true)

    setKeys(newKey)
    expect((await getMemory(session, memory.id)).content).toBe('storage unit code 5512')
    // Running it again does nothing: everything is under the new key already.
    expect((await rotateMasterKey({ from: masterKey(), to: parseMasterKey(newKey, 'new') })).rewrapped).toBe(0)
  })

  it('reports a wrong key by id at start, touches nothing, and /api/health says so', async () => {
    const rightKey = randomBytes(32).toString('base64')
    setKeys(rightKey)
    await (await getDb()).delete(tierKeys) // only this test's keys: the check looks at every stored key
    const user = await createUser()
    await captureMemory(await sessionFor(user), { content: 'insurance policy 88-1234', tier: 'secret' })
    const db = await getDb()
    const wrappedBefore = await db.select().from(tierKeys).where(eq(tierKeys.userId, user.id))

    setKeys(randomBytes(32).toString('base64'))
    const problem = await checkMasterKey()
    expect(problem).toMatch(/MNEMO_MASTER_KEY \(id [0-9a-f]{16}\) is not the key that wrapped/)
    const response = await health()
    expect(response.status).toBe(503)
    expect(await response.json()).toMatchObject({ status: 'error', keys: 'mismatch' })
    const session = await sessionFor(user, { unlocks: { '3': new Date(Date.now() + 600_000).toISOString() } })
    await expect(captureMemory(session, { content: 'another secret 991', tier: 'secret' })).rejects.toThrow(/not the key that wrapped/)
    expect(await db.select().from(tierKeys).where(eq(tierKeys.userId, user.id))).toEqual(wrappedBefore)

    setKeys(rightKey)
    expect(await checkMasterKey()).toBeNull()
  })

  it('opens keys wrapped by the previous key mid-rotation, and rewraps them on the way', async () => {
    const { oldKey, newKey, user, session } = await userUnderKey()
    const { memory } = await captureMemory(session, { content: 'alarm code 4410', tier: 'secret' })
    setKeys(newKey, oldKey)
    expect((await getMemory(session, memory.id)).content).toBe('alarm code 4410')
    expect(await wrappedOnlyBy(user.id, newKey)).toBe(true)
  })

  it('lets search read protected memories mid-rotation, rewrapping their keys on the way', async () => {
    const { oldKey, newKey, user, session } = await userUnderKey()
    await captureMemory(session, { content: 'the gate code of the allotment is 2291', tier: 'secret' })
    await captureMemory(session, { content: 'allotment: the beans are up', tier: 'general' })
    setKeys(newKey, oldKey)
    const { items } = await search(session, { query: 'allotment', limit: 5, offset: 0 })
    expect(items.map((h) => h.memory.content).sort()).toEqual(['allotment: the beans are up', 'the gate code of the allotment is 2291'])
    expect(await wrappedOnlyBy(user.id, newKey)).toBe(true)
  })
})
