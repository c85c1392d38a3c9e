import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { getDb } from '@/db'
import { passkeys, sessions, type User } from '@/db/schema'
import type { Principal } from '@/lib/auth/principal'
import { canRead } from '@/lib/memories'
import { lockNow, stepUpOptions, verifyStepUp } from '@/lib/webauthn'
import { createUser, testInfo } from '../fixtures/accounts'
import { SoftAuthenticator } from '../fixtures/authenticator'
import { setupTestDatabase } from '../fixtures/db'
import { sessionFor } from '../fixtures/principal'
import { asSession } from '../fixtures/session-auth'

vi.mock('@/auth', () => import('../fixtures/session-auth'))

setupTestDatabase()

let alice: User
let bob: User
const alicesKey = new SoftAuthenticator()
const bobsKey = new SoftAuthenticator()

beforeAll(async () => {
  process.env.MNEMO_PUBLIC_URL = 'http://localhost:3000'
  alice = await createUser()
  bob = await createUser()
  const db = await getDb()
  await db.insert(passkeys).values([
    { id: alicesKey.id, userId: alice.id, name: 'alice', publicKey: alicesKey.publicKey, counter: 0 },
    { id: bobsKey.id, userId: bob.id, name: 'bob', publicKey: bobsKey.publicKey, counter: 0 },
  ])
})
afterAll(() => {
  delete process.env.MNEMO_PUBLIC_URL
})

async function fresh(principal: Principal): Promise<Principal> {
  const [row] = await (await getDb()).select().from(sessions).where(eq(sessions.id, principal.sessionId!))
  return { ...principal, session: row }
}

describe('passkey step-up with real signatures', () => {
  it('opens the secret tier for this session with a valid assertion', async () => {
    const principal = await sessionFor(alice)
    expect(canRead(principal, 'secret')).toBe(false)
    const { challenge } = await stepUpOptions(principal, 'secret')
    const until = await verifyStepUp(principal, 'secret', alicesKey.assert(challenge) as never, testInfo())
    expect(until.getTime()).toBeGreaterThan(Date.now() + 14 * 60_000)
    expect(canRead(await fresh(principal), 'secret')).toBe(true)
    expect(canRead(await fresh(principal), 'ultrasecret')).toBe(false)
  })

  it('refuses a replayed assertion: the challenge is single use', async () => {
    const principal = await sessionFor(alice)
    const { challenge } = await stepUpOptions(principal, 'secret')
    const assertion = alicesKey.assert(challenge)
    await verifyStepUp(principal, 'secret', assertion as never, testInfo())
    await expect(verifyStepUp(principal, 'secret', assertion as never, testInfo())).rejects.toMatchObject({ code: 'unauthorized:passkey' })
  })

  it('refuses a challenge another session of the same user asked for; the session that asked can still use it', async () => {
    // A user of its own: the refused attempt counts toward the unlock lockout.
    const carol = await createUser()
    const carolsKey = new SoftAuthenticator()
    await (await getDb()).insert(passkeys).values({ id: carolsKey.id, userId: carol.id, name: 'carol', publicKey: carolsKey.publicKey, counter: 0 })
    const phone = await sessionFor(carol)
    const laptop = await sessionFor(carol)
    const { challenge } = await stepUpOptions(phone, 'secret')
    const assertion = carolsKey.assert(challenge)
    await expect(verifyStepUp(laptop, 'secret', assertion as never, testInfo())).rejects.toMatchObject({ code: 'unauthorized:passkey' })
    expect(canRead(await fresh(laptop), 'secret')).toBe(false)
    await verifyStepUp(phone, 'secret', assertion as never, testInfo())
    expect(canRead(await fresh(phone), 'secret')).toBe(true)
    expect(canRead(await fresh(laptop), 'secret')).toBe(false)
  })

  it("refuses another user's credential", async () => {
    const principal = await sessionFor(alice)
    const { challenge } = await stepUpOptions(principal, 'secret')
    await expect(verifyStepUp(principal, 'secret', bobsKey.assert(challenge) as never, testInfo())).rejects.toMatchObject({ code: 'unauthorized:passkey' })
    expect(canRead(await fresh(principal), 'secret')).toBe(false)
  })

  it('refuses a signature counter that goes backwards (a cloned authenticator)', async () => {
    const principal = await sessionFor(bob)
    const first = await stepUpOptions(principal, 'ultrasecret')
    await verifyStepUp(principal, 'ultrasecret', bobsKey.assert(first.challenge, { counter: 50 }) as never, testInfo())
    const second = await stepUpOptions(principal, 'ultrasecret')
    await expect(verifyStepUp(principal, 'ultrasecret', bobsKey.assert(second.challenge, { counter: 10 }) as never, testInfo())).rejects.toMatchObject({ code: 'unauthorized:passkey' })
  })

  it('refuses an assertion for another relying party or origin, then locks unlocking after 3 failures', async () => {
    const carol = await createUser()
    const carolsKey = new SoftAuthenticator()
    await (await getDb()).insert(passkeys).values({ id: carolsKey.id, userId: carol.id, name: 'carol', publicKey: carolsKey.publicKey })
    const principal = await sessionFor(carol)
    const a = await stepUpOptions(principal, 'secret')
    await expect(verifyStepUp(principal, 'secret', carolsKey.assert(a.challenge, { rpId: 'evil.example' }) as never, testInfo())).rejects.toMatchObject({ code: 'unauthorized:passkey' })
    const b = await stepUpOptions(principal, 'secret')
    await expect(verifyStepUp(principal, 'secret', carolsKey.assert(b.challenge, { origin: 'https://evil.example' }) as never, testInfo())).rejects.toMatchObject({ code: 'unauthorized:passkey' })
    const c = await stepUpOptions(principal, 'secret')
    await expect(verifyStepUp(principal, 'secret', carolsKey.assert(c.challenge, { origin: 'https://evil.example' }) as never, testInfo())).rejects.toMatchObject({ code: 'rate_limited:unlock' })
    // Locked out now, even with a valid assertion.
    await expect(stepUpOptions(principal, 'secret')).rejects.toMatchObject({ code: 'rate_limited:unlock' })
  })
})

describe('limits on unlocking', () => {
  it('refuses an expired challenge', async () => {
    const { authChallenges } = await import('@/db/schema')
    const dave = await createUser()
    const key = new SoftAuthenticator()
    const db = await getDb()
    await db.insert(passkeys).values({ id: key.id, userId: dave.id, name: 'dave', publicKey: key.publicKey })
    const principal = await sessionFor(dave)
    const { challenge } = await stepUpOptions(principal, 'secret')
    await db.update(authChallenges).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(authChallenges.challenge, challenge))
    await expect(verifyStepUp(principal, 'secret', key.assert(challenge) as never, testInfo())).rejects.toMatchObject({ code: 'unauthorized:passkey' })
  })

  it('cannot unlock above a max tier an admin lowered, and open windows above it stop counting', async () => {
    const { setUserMaxTier } = await import('@/lib/accounts/admin')
    const { users } = await import('@/db/schema')
    const admin = await createUser()
    const db = await getDb()
    await db.update(users).set({ role: 'admin' }).where(eq(users.id, admin.id))
    const erin = await createUser()
    const key = new SoftAuthenticator()
    await db.insert(passkeys).values({ id: key.id, userId: erin.id, name: 'erin', publicKey: key.publicKey })
    const principal = await sessionFor(erin)
    const { challenge } = await stepUpOptions(principal, 'secret')
    await verifyStepUp(principal, 'secret', key.assert(challenge) as never, testInfo())
    expect(canRead(await fresh(principal), 'secret')).toBe(true)

    const lowered = await setUserMaxTier({ actorId: admin.id, userId: erin.id, maxTier: 2 })
    const now = { ...(await fresh(principal)), user: lowered }
    expect(canRead(now, 'secret')).toBe(false)
    expect(canRead(now, 'confidential')).toBe(true)
    await expect(stepUpOptions(now, 'secret')).rejects.toMatchObject({ code: 'forbidden:tier' })
    await expect(setUserMaxTier({ actorId: erin.id, userId: erin.id, maxTier: 4 })).rejects.toMatchObject({ code: 'forbidden:admin' })
  })
})

describe('Lock now against an unlock in flight', () => {
  it('a passkey step-up that finishes after Lock now opens only what it was asked for, never windows Lock now closed', async () => {
    const far = new Date(Date.now() + 300_000).toISOString()
    const principal = await sessionFor(alice, { unlocks: { '3': far, '4': far } })
    const { challenge } = await stepUpOptions(principal, 'secret')
    // Lock now commits while the passkey ceremony runs; the step-up still holds the session it read before.
    await lockNow(principal, testInfo())
    await verifyStepUp(principal, 'secret', alicesKey.assert(challenge) as never, testInfo())
    const after = await fresh(principal)
    expect(canRead(after, 'secret')).toBe(true)
    expect(canRead(after, 'ultrasecret')).toBe(false)
  })
})

describe('API tokens from a session', () => {
  it('reach confidential only while the session can read it: not after Lock now, not 12 hours after the password', async () => {
    const { POST: createToken } = await import('@/app/api/v1/tokens/route')
    const { call } = await import('../fixtures/http')
    const user = await createUser()
    const body = { name: 'script', scopes: ['memories:read'], max_tier: 'confidential' }
    const open = await sessionFor(user)
    expect((await call(createToken, 'POST', '/', asSession(open, { body }))).status).toBe(201)
    await lockNow(open, testInfo())
    const locked = await call(createToken, 'POST', '/', asSession(open, { body }))
    expect(locked.status).toBe(403)
    expect(locked.json.error.code).toBe('forbidden:tier')
    expect((await call(createToken, 'POST', '/', asSession(await sessionFor(user, { freshLogin: false }), { body }))).status).toBe(403)
    // A general token needs no unlock.
    expect((await call(createToken, 'POST', '/', asSession(open, { body: { ...body, max_tier: 'general' } }))).status).toBe(201)
  })
})

describe('managing passkeys through the API', () => {
  it("renames and removes one's own passkeys, never another user's", async () => {
    const { GET: list } = await import('@/app/api/v1/passkeys/route')
    const { PATCH: rename, DELETE: remove } = await import('@/app/api/v1/passkeys/[id]/route')
    const { call } = await import('../fixtures/http')
    const session = await sessionFor(alice)
    const params = { id: alicesKey.id }
    expect((await call(rename, 'PATCH', '/', asSession(session, { params, body: { name: 'YubiKey' } }))).status).toBe(204)
    expect((await call(list, 'GET', '/', asSession(session))).json.items.map((p: { name: string }) => p.name)).toEqual(['YubiKey'])
    expect((await call(rename, 'PATCH', '/', asSession(session, { params: { id: bobsKey.id }, body: { name: 'mine now' } }))).status).toBe(404)
    expect((await call(remove, 'DELETE', '/', asSession(session, { params: { id: bobsKey.id } }))).status).toBe(404)
    expect((await call(remove, 'DELETE', '/', asSession(session, { params }))).status).toBe(204)
    expect((await call(list, 'GET', '/', asSession(session))).json.items).toEqual([])
  })

  it('adding or removing a passkey needs the owner: a session cookie from a sign-in over 10 minutes old is refused until the password is confirmed', async () => {
    const { POST: options } = await import('@/app/api/v1/passkeys/options/route')
    const { DELETE: remove } = await import('@/app/api/v1/passkeys/[id]/route')
    const { POST: confirmPassword } = await import('@/app/api/v1/unlock/password/route')
    const { call } = await import('../fixtures/http')
    const { STRONG_PASSWORD } = await import('../fixtures/http')
    const user = await createUser()
    const key = new SoftAuthenticator()
    await (await getDb()).insert(passkeys).values({ id: key.id, userId: user.id, name: 'laptop', publicKey: key.publicKey, counter: 0 })
    const stale = await sessionFor(user, { freshLogin: false })
    const refused = await call(options, 'POST', '/', asSession(stale))
    expect(refused.status).toBe(403)
    expect(refused.json.error.code).toBe('forbidden:reauth')
    expect((await call(remove, 'DELETE', '/', asSession(stale, { params: { id: key.id } }))).json.error.code).toBe('forbidden:reauth')
    expect(await (await getDb()).select().from(passkeys).where(eq(passkeys.userId, user.id))).toHaveLength(1)

    expect((await call(confirmPassword, 'POST', '/', asSession(stale, { body: { password: STRONG_PASSWORD } }))).status).toBe(200)
    const allowed = await call(options, 'POST', '/', asSession(stale))
    expect(allowed.status).toBe(200)
    expect(allowed.json.challenge).toEqual(expect.any(String))
  })

  it('removing the last passkey closes the secret and ultrasecret windows of every session', async () => {
    const { DELETE: remove } = await import('@/app/api/v1/passkeys/[id]/route')
    const { call } = await import('../fixtures/http')
    const user = await createUser()
    const key = new SoftAuthenticator()
    await (await getDb()).insert(passkeys).values({ id: key.id, userId: user.id, name: 'phone', publicKey: key.publicKey, counter: 0 })
    const far = new Date(Date.now() + 300_000).toISOString()
    const here = await sessionFor(user, { unlocks: { '3': far, '4': far } })
    const elsewhere = await sessionFor(user, { unlocks: { '3': far } })
    expect((await call(remove, 'DELETE', '/', asSession(here, { params: { id: key.id } }))).status).toBe(204)
    for (const session of [here, elsewhere]) {
      const now = await fresh(session)
      expect(canRead(now, 'secret')).toBe(false)
      expect(canRead(now, 'ultrasecret')).toBe(false)
      expect(canRead(now, 'confidential')).toBe(true)
    }
  })

  it('refuses a credential id that is already registered, the same way whoever holds it', async () => {
    const { POST: register } = await import('@/app/api/v1/passkeys/route')
    const { POST: options } = await import('@/app/api/v1/passkeys/options/route')
    const { call } = await import('../fixtures/http')
    const registerWith = async (user: User, key: SoftAuthenticator) => {
      const session = await sessionFor(user)
      const { challenge } = (await call(options, 'POST', '/', asSession(session))).json
      return call(register, 'POST', '/', asSession(session, { body: { name: 'laptop', response: key.attest(challenge) } }))
    }
    const carolsKey = new SoftAuthenticator()
    expect((await registerWith(bob, carolsKey)).status).toBe(201)
    const theirs = await registerWith(alice, carolsKey)
    const mine = await registerWith(bob, carolsKey)
    expect(theirs.status).toBe(409)
    expect(theirs.json.error.code).toBe('conflict:passkey')
    expect(mine.status).toBe(409)
    expect(mine.json).toEqual(theirs.json)
    const [row] = await (await getDb()).select().from(passkeys).where(eq(passkeys.id, carolsKey.id))
    expect(row.userId).toBe(bob.id)
  })
})
