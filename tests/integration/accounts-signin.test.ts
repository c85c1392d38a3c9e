import { afterEach, describe, expect, it, vi } from 'vitest'
import { POST as exchange } from '@/app/api/v1/auth/token/route'
import { GET as account } from '@/app/api/v1/account/route'
import { GET as listMemories } from '@/app/api/v1/memories/route'
import { DELETE as revokeToken, } from '@/app/api/v1/tokens/[id]/route'
import { GET as listTokens } from '@/app/api/v1/tokens/route'
import { setUserActive } from '@/lib/accounts/admin'
import { authenticate } from '@/lib/auth/principal'
import { createApiToken } from '@/lib/auth/api-tokens'
import { verifyLogin } from '@/lib/auth/credentials'
import { verifyAccessLog } from '@/lib/audit'
import { getDb } from '@/db'
import { accessLog } from '@/db/schema'
import { createUser, testInfo } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call, STRONG_PASSWORD } from '../fixtures/http'
import { sessionFor } from '../fixtures/principal'
import { asSession } from '../fixtures/session-auth'

vi.mock('@/auth', () => import('../fixtures/session-auth'))

setupTestDatabase()

afterEach(() => {
  delete process.env.MNEMO_LOGIN_MAX_ATTEMPTS
  delete process.env.MNEMO_LOGIN_LOCKOUT_SECONDS
})

describe('POST /api/v1/auth/token', () => {
  it('exchanges a phone and password for a bearer token that reads memories but not the account', async () => {
    const user = await createUser({ email: 'token@example.com' })
    const response = await call(exchange, 'POST', '/api/v1/auth/token', { body: { phone: user.phone, password: STRONG_PASSWORD, name: 'cli' } })
    expect(response.status).toBe(200)
    expect(response.json).toMatchObject({ token_type: 'Bearer', expires_in: 30 * 86_400, max_tier: 'general' })
    expect(response.json.access_token).toMatch(/^mnemo_/)

    expect((await call(listMemories, 'GET', '/api/v1/memories', { token: response.json.access_token })).status).toBe(200)
    const me = await call(account, 'GET', '/api/v1/account', { token: response.json.access_token })
    expect(me.status).toBe(403)
    expect(me.json.error.code).toBe('forbidden:token')

    const byEmail = await call(exchange, 'POST', '/', { body: { email: 'TOKEN@example.com', password: STRONG_PASSWORD } })
    expect(byEmail.status).toBe(200)
  })

  it('answers the same 401 for a wrong password and for an unknown account', async () => {
    const user = await createUser()
    const wrong = await call(exchange, 'POST', '/', { ip: '198.51.100.31', body: { phone: user.phone, password: 'not-the-password-1' } })
    const unknown = await call(exchange, 'POST', '/', { ip: '198.51.100.31', body: { phone: '+14155550999', password: 'not-the-password-1' } })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(wrong.json).toEqual(unknown.json)
    expect(wrong.json.error.code).toBe('unauthorized:credentials')
  })

  it('refuses a token tier above confidential', async () => {
    const user = await createUser()
    const response = await call(exchange, 'POST', '/', { body: { phone: user.phone, password: STRONG_PASSWORD, max_tier: 'secret' } })
    expect(response.status).toBe(400)
    expect(Object.keys(response.json.error.fields)).toContain('max_tier')
  })

  it('locks the account after the configured failures, logs it, and releases it after the window', async () => {
    process.env.MNEMO_LOGIN_MAX_ATTEMPTS = '3'
    process.env.MNEMO_LOGIN_LOCKOUT_SECONDS = '2'
    const user = await createUser()
    const attempt = (password: string) => call(exchange, 'POST', '/', { ip: '198.51.100.40', body: { phone: user.phone, password } })
    for (let i = 0; i < 3; i++) expect((await attempt('wrong-password-x1')).status).toBe(401)
    const locked = await attempt(STRONG_PASSWORD)
    expect(locked.status).toBe(429)
    expect(locked.json.error.code).toBe('rate_limited:login')
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)

    const log = await (await getDb()).select().from(accessLog)
    const actions = log.filter((r) => r.userId === user.id || r.userId === null).map((r) => r.action)
    expect(actions).toContain('token.exchange.lockout')
    expect(actions).toContain('token.exchange.locked')

    await new Promise((resolve) => setTimeout(resolve, 2_100))
    expect((await attempt(STRONG_PASSWORD)).status).toBe(200)
  })

  it('refuses a deactivated user at sign-in and at once on their existing tokens; data stays', async () => {
    const admin = await createUser()
    const db = await getDb()
    const { users } = await import('@/db/schema')
    const { eq } = await import('drizzle-orm')
    await db.update(users).set({ role: 'admin' }).where(eq(users.id, admin.id))
    const user = await createUser()
    const { token } = await createApiToken({ userId: user.id, name: 't', scopes: ['memories:read'], maxTier: 'general' })
    expect((await call(listMemories, 'GET', '/', { token })).status).toBe(200)

    await setUserActive({ actorId: admin.id, userId: user.id, active: false })
    const signIn = await call(exchange, 'POST', '/', { body: { phone: user.phone, password: STRONG_PASSWORD } })
    expect(signIn.status).toBe(403)
    expect(signIn.json.error.code).toBe('forbidden:account')
    expect((await call(listMemories, 'GET', '/', { token })).status).toBe(401)
    const [still] = await db.select().from(users).where(eq(users.id, user.id))
    expect(still.phone).toBe(user.phone)

    await setUserActive({ actorId: admin.id, userId: user.id, active: true })
    expect((await call(listMemories, 'GET', '/', { token })).status).toBe(200)
  })

  it('lets only an admin deactivate accounts', async () => {
    const a = await createUser()
    const b = await createUser()
    await expect(setUserActive({ actorId: a.id, userId: b.id, active: false })).rejects.toMatchObject({ code: 'forbidden:admin' })
  })
})

describe('API tokens', () => {
  it('are listed without their secret, and a revoked token is refused at once', async () => {
    const user = await createUser()
    const { token, row } = await createApiToken({ userId: user.id, name: 'laptop', scopes: ['search', 'memories:read'], maxTier: 'confidential' })
    const session = await sessionFor(user)
    const listed = await call(listTokens, 'GET', '/api/v1/tokens', asSession(session))
    expect(listed.status).toBe(200)
    expect(listed.json.items).toEqual([
      expect.objectContaining({ id: row.id, name: 'laptop', max_tier: 'confidential', scopes: ['search', 'memories:read'] }),
    ])
    expect(JSON.stringify(listed.json)).not.toContain(token)
    expect(listed.json.items[0].prefix).toBe(token.slice(0, 12))

    expect((await call(revokeToken, 'DELETE', `/api/v1/tokens/${row.id}`, { token, params: { id: row.id } })).status).toBe(403)
    const revoked = await call(revokeToken, 'DELETE', `/api/v1/tokens/${row.id}`, asSession(session, { params: { id: row.id } }))
    expect(revoked.status).toBe(204)
    const after = await call(listMemories, 'GET', '/', { token })
    expect(after.status).toBe(401)
    expect(after.json.error.code).toBe('unauthorized:token')
  })

  it("cannot revoke another user's token (404)", async () => {
    const alice = await createUser()
    const bob = await createUser()
    const { token: bobToken, row: bobRow } = await createApiToken({ userId: bob.id, name: 'b', scopes: ['memories:read'], maxTier: 'general' })
    const response = await call(revokeToken, 'DELETE', '/', asSession(await sessionFor(alice), { params: { id: bobRow.id } }))
    expect(response.status).toBe(404)
    expect((await call(listMemories, 'GET', '/', { token: bobToken })).status).toBe(200)
  })

  it('enforce scopes and never read above confidential', async () => {
    const user = await createUser()
    const { token } = await createApiToken({ userId: user.id, name: 's', scopes: ['search'], maxTier: 'confidential' })
    const request = new Request('http://localhost/x', { headers: { authorization: `Bearer ${token}` } })
    await expect(authenticate(request, { scope: 'memories:write' })).rejects.toMatchObject({ code: 'forbidden:scope' })
    const principal = await authenticate(request, { scope: 'search' })
    expect(principal.maxTierLevel).toBe(2)
  })

  it('answer 401 for a missing or malformed bearer', async () => {
    expect((await call(account, 'GET', '/', { headers: { authorization: 'Basic abc' } })).json.error.code).toBe('unauthorized:token')
    expect((await call(account, 'GET', '/', { token: 'mnemo_forged' })).status).toBe(401)
  })
})

describe('the access log of sign-ins', () => {
  it('records successes and failures in an intact hash chain', async () => {
    const user = await createUser()
    await verifyLogin({ identifier: user.phone, password: STRONG_PASSWORD }, testInfo('198.51.100.77'))
    await expect(verifyLogin({ identifier: user.phone, password: 'nope-nope-nope' }, testInfo('198.51.100.77'))).rejects.toThrow()
    const rows = (await (await getDb()).select().from(accessLog)).filter((r) => r.userId === user.id && r.action === 'login')
    expect(rows.map((r) => r.success)).toEqual([true, false])
    expect(rows[1]).toMatchObject({ ip: '198.51.100.77', device: 'Chrome on Linux' })
    expect(await verifyAccessLog()).toMatchObject({ ok: true })
  })
})
