// A token or a session made from a password check must not outlive a password change that
// commits between the check and the insert (attacker pass of 2026-12-06 night, F2): whoever knew
// the old password could loop token exchanges through the owner's reset and keep one.
import { and, eq, isNull } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { POST as exchange } from '@/app/api/v1/auth/token/route'
import { getDb } from '@/db'
import { deletePasskeysByUser, insertPasskey } from '@/db/queries/passkeys'
import { withUser } from '@/db/with-user'
import { apiTokens, sessions } from '@/db/schema'
import { createApiToken } from '@/lib/auth/api-tokens'
import { verifyLogin } from '@/lib/auth/credentials'
import { setNewPassword } from '@/lib/auth/new-password'
import { hashPassword } from '@/lib/auth/password'
import { startSession } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'
import { createUser, testInfo } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call, STRONG_PASSWORD } from '../fixtures/http'

setupTestDatabase()

const NEW_PASSWORD = 'quartz-lantern-velvet-91'

async function changePassword(user: Awaited<ReturnType<typeof createUser>>) {
  const passwordHash = await hashPassword(NEW_PASSWORD)
  await (await getDb()).transaction((tx) => setNewPassword(tx, { user, passwordHash }))
}

describe('a password check that a password change overtakes', () => {
  it('mints no token and opens no session with the hash it checked', async () => {
    const user = await createUser()
    const info = testInfo('10.77.0.1')
    const checked = await verifyLogin({ identifier: user.phone, password: STRONG_PASSWORD }, info, 'token.exchange')
    await changePassword(user)

    const token = createApiToken({ userId: user.id, name: 'late', scopes: ['search'], maxTier: 'general', info, checkedPasswordHash: checked.passwordHash })
    await expect(token).rejects.toMatchObject({ code: 'unauthorized:credentials' })
    await expect(token).rejects.toBeInstanceOf(AppError)
    const session = startSession({ userId: user.id, info, checkedPasswordHash: checked.passwordHash })
    await expect(session).rejects.toMatchObject({ code: 'unauthorized:credentials' })

    const db = await getDb()
    expect(await db.select().from(apiTokens).where(eq(apiTokens.userId, user.id))).toEqual([])
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])

    // With the current password, both work.
    const fresh = await verifyLogin({ identifier: user.phone, password: NEW_PASSWORD }, info, 'token.exchange')
    const made = await createApiToken({ userId: user.id, name: 'now', scopes: ['search'], maxTier: 'general', info, checkedPasswordHash: fresh.passwordHash })
    expect(made.token).toMatch(/^mnemo_/)
    expect((await startSession({ userId: user.id, info, checkedPasswordHash: fresh.passwordHash })).id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('opens no session for a passkey a reset removed, and a reset removes passkeys with the password', async () => {
    const user = await createUser()
    const info = testInfo('10.77.0.2')
    const db = await getDb()
    await withUser(user.id, (tx) => insertPasskey(tx, { id: 'cred-race-1', userId: user.id, name: 'phone', publicKey: Buffer.from([1, 2, 3]) }))
    // Verified, then the reset commits before the session is opened.
    await changePassword(user)
    await withUser(user.id, (tx) => deletePasskeysByUser(tx, { userId: user.id }))
    await expect(startSession({ userId: user.id, info, checkedPasskeyId: 'cred-race-1' })).rejects.toMatchObject({ code: 'unauthorized:passkey' })
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])

    await withUser(user.id, (tx) => insertPasskey(tx, { id: 'cred-race-2', userId: user.id, name: 'phone', publicKey: Buffer.from([1, 2, 3]) }))
    expect((await startSession({ userId: user.id, info, checkedPasskeyId: 'cred-race-2' })).id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('leaves no valid token when exchanges with the old password race the change', async () => {
    const user = await createUser()
    const exchanges = Array.from({ length: 8 }, () => call(exchange, 'POST', '/api/v1/auth/token', { body: { phone: user.phone, password: STRONG_PASSWORD } }))
    const [results] = await Promise.all([Promise.all(exchanges), changePassword(user)])
    // Each exchange either failed or made a token the change revoked.
    for (const r of results) expect([200, 401]).toContain(r.status)
    const db = await getDb()
    const valid = await db.select().from(apiTokens).where(and(eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)))
    expect(valid).toEqual([])
  })
})
