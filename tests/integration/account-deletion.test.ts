import { eq } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { getDb } from '@/db'
import { memories, tierKeys, users } from '@/db/schema'
import { deleteAccount } from '@/lib/accounts/delete'
import { DecryptError, openJson } from '@/lib/crypto'
import { captureMemory } from '@/lib/memories'
import { createUser, testInfo } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call, STRONG_PASSWORD } from '../fixtures/http'
import { sessionFor } from '../fixtures/principal'
import { asSession } from '../fixtures/session-auth'

vi.mock('@/auth', () => import('../fixtures/session-auth'))

setupTestDatabase()

describe('deleting an account', () => {
  it('needs the password', async () => {
    const user = await createUser()
    await expect(deleteAccount({ userId: user.id, password: 'wrong-wrong-wrong', info: testInfo() })).rejects.toMatchObject({ code: 'bad_request:account' })
    expect(await (await getDb()).select().from(users).where(eq(users.id, user.id))).toHaveLength(1)
  })

  it('shreds the keys first: a saved copy of the ciphertext can never be decrypted again', async () => {
    const user = await createUser()
    const { memory } = await captureMemory(await sessionFor(user), { content: 'the safe combination is 12-40-07', tier: 'secret' })
    const db = await getDb()
    const [copy] = await db.select().from(memories).where(eq(memories.id, memory.id))
    expect(await db.select().from(tierKeys).where(eq(tierKeys.userId, user.id))).not.toHaveLength(0)

    await deleteAccount({ userId: user.id, password: STRONG_PASSWORD, info: testInfo() })
    expect(await db.select().from(users).where(eq(users.id, user.id))).toEqual([])
    expect(await db.select().from(memories).where(eq(memories.userId, user.id))).toEqual([])
    expect(await db.select().from(tierKeys).where(eq(tierKeys.userId, user.id))).toEqual([])

    // Someone restores the memory row from a backup and asks for the user's key again:
    // a fresh random key is all there is now, and the old ciphertext does not open.
    await db.insert(users).values({ id: user.id, phone: user.phone })
    const target = { userId: user.id, rowId: copy.id, tier: 'secret' as const, purpose: 'memory' }
    await expect(openJson(db, target, { nonce: copy.nonce!, ciphertext: copy.ciphertext! })).rejects.toBeInstanceOf(DecryptError)
  })
  it('refuses the last active administrator until someone else is promoted', async () => {
    const { DELETE: remove } = await import('@/app/api/v1/account/route')
    const db = await getDb()
    const admin = await createUser()
    const other = await createUser()
    await db.update(users).set({ role: 'user' })
    await db.update(users).set({ role: 'admin' }).where(eq(users.id, admin.id))
    const session = await sessionFor(admin)

    const refused = await call(remove, 'DELETE', '/', asSession(session, { body: { password: STRONG_PASSWORD } }))
    expect(refused.status).toBe(409)
    expect(refused.json.error.code).toBe('conflict:admin')
    expect(await db.select().from(users).where(eq(users.id, admin.id))).toHaveLength(1)

    await db.update(users).set({ role: 'admin' }).where(eq(users.id, other.id))
    expect((await call(remove, 'DELETE', '/', asSession(session, { body: { password: STRONG_PASSWORD } }))).status).toBe(204)
    expect(await db.select().from(users).where(eq(users.id, admin.id))).toEqual([])
  })
})
