// Issue 21, item 1: a leaked API token (here: `search` scope, general tier) must not take over
// the account. Every account, security and credential route refuses it with 403 forbidden:token;
// the routes of its scope still answer.
import { randomUUID } from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import * as account from '@/app/api/v1/account/route'
import * as accessLog from '@/app/api/v1/account/access-log/route'
import * as history from '@/app/api/v1/account/history/route'
import * as password from '@/app/api/v1/account/password/route'
import * as adminUser from '@/app/api/v1/admin/users/[id]/route'
import * as passwordReset from '@/app/api/v1/auth/password-reset/route'
import * as lock from '@/app/api/v1/lock/route'
import * as notifications from '@/app/api/v1/notifications/route'
import * as notificationsRead from '@/app/api/v1/notifications/read/route'
import * as passkeys from '@/app/api/v1/passkeys/route'
import * as passkey from '@/app/api/v1/passkeys/[id]/route'
import * as passkeyOptions from '@/app/api/v1/passkeys/options/route'
import * as search from '@/app/api/v1/search/route'
import * as sessions from '@/app/api/v1/sessions/route'
import * as session from '@/app/api/v1/sessions/[id]/route'
import * as tokens from '@/app/api/v1/tokens/route'
import * as token from '@/app/api/v1/tokens/[id]/route'
import * as unlock from '@/app/api/v1/unlock/route'
import * as unlockOptions from '@/app/api/v1/unlock/options/route'
import * as unlockPassword from '@/app/api/v1/unlock/password/route'
import { getDb } from '@/db'
import { getUserById } from '@/db/queries/users'
import { createApiToken } from '@/lib/auth/api-tokens'
import { checkSession, startSession } from '@/lib/auth/sessions'
import { outboxDirectory } from '@/lib/notify/mail'
import { createUser, testInfo } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call, STRONG_PASSWORD } from '../fixtures/http'
import { allMails, mailsTo } from '../fixtures/outbox'
import { tokenFor } from '../fixtures/principal'
import { confirmOwnEmail } from '../fixtures/email'

vi.mock('@/auth', () => import('../fixtures/session-auth'))

setupTestDatabase()

const ATTACKER = 'attacker@evil.example'

type Handler = Parameters<typeof call>[0]
const SESSION_ONLY: [string, string, Handler, unknown?][] = [
  ['GET /api/v1/account', 'GET', account.GET],
  ['PATCH /api/v1/account', 'PATCH', account.PATCH, { email: ATTACKER }],
  ['DELETE /api/v1/account', 'DELETE', account.DELETE, { password: STRONG_PASSWORD }],
  ['GET /api/v1/account/access-log', 'GET', accessLog.GET],
  ['GET /api/v1/account/history', 'GET', history.GET],
  ['POST /api/v1/account/password', 'POST', password.POST, { current_password: STRONG_PASSWORD, new_password: 'attacker-chosen-phrase-1' }],
  ['PATCH /api/v1/admin/users/{id}', 'PATCH', adminUser.PATCH, { active: false }],
  ['POST /api/v1/lock', 'POST', lock.POST],
  ['GET /api/v1/notifications', 'GET', notifications.GET],
  ['POST /api/v1/notifications/read', 'POST', notificationsRead.POST, {}],
  ['GET /api/v1/passkeys', 'GET', passkeys.GET],
  ['POST /api/v1/passkeys', 'POST', passkeys.POST, {}],
  ['PATCH /api/v1/passkeys/{id}', 'PATCH', passkey.PATCH, { name: 'mine now' }],
  ['DELETE /api/v1/passkeys/{id}', 'DELETE', passkey.DELETE],
  ['POST /api/v1/passkeys/options', 'POST', passkeyOptions.POST, {}],
  ['GET /api/v1/sessions', 'GET', sessions.GET],
  ['DELETE /api/v1/sessions', 'DELETE', sessions.DELETE],
  ['DELETE /api/v1/sessions/{id}', 'DELETE', session.DELETE],
  ['GET /api/v1/tokens', 'GET', tokens.GET],
  ['POST /api/v1/tokens', 'POST', tokens.POST, { name: 'all of it', scopes: ['memories:read', 'memories:write', 'search', 'export'], max_tier: 'confidential' }],
  ['DELETE /api/v1/tokens/{id}', 'DELETE', token.DELETE],
  ['POST /api/v1/unlock', 'POST', unlock.POST, { tier: 'secret', response: {} }],
  ['POST /api/v1/unlock/options', 'POST', unlockOptions.POST, { tier: 'secret' }],
  ['POST /api/v1/unlock/password', 'POST', unlockPassword.POST, { password: STRONG_PASSWORD }],
]

describe('a search-scoped token', () => {
  it('cannot take over the account: every step of the takeover is refused', async () => {
    const owner = await createUser({ email: 'owner@example.com' })
    await confirmOwnEmail('owner@example.com')
    const ownerSession = await startSession({ userId: owner.id, info: testInfo() })
    const { token: otherToken, row: otherRow } = await createApiToken({ userId: owner.id, name: 'phone app', scopes: ['memories:read'], maxTier: 'general' })
    const leaked = await tokenFor(owner, 'general', ['search'])

    // 1. Point the account's email at the attacker.
    const patch = await call(account.PATCH, 'PATCH', '/api/v1/account', { token: leaked, body: { email: ATTACKER } })
    expect(patch.status).toBe(403)
    expect(patch.json.error.code).toBe('forbidden:token')
    expect((await getUserById(await getDb(), { id: owner.id }))?.email).toBe('owner@example.com')

    // 2. Ask for a reset to the attacker's address: nothing is mailed there.
    const reset = await call(passwordReset.POST, 'POST', '/api/v1/auth/password-reset', { ip: '203.0.113.66', body: { email: ATTACKER } })
    expect(reset.status).toBe(202)
    expect(mailsTo(outboxDirectory(), ATTACKER)).toEqual([])
    expect(allMails(outboxDirectory()).some((mail) => mail.includes(ATTACKER))).toBe(false)

    // 3. Sign the owner out everywhere, delete another token, mint one with every scope.
    expect((await call(sessions.DELETE, 'DELETE', '/api/v1/sessions', { token: leaked })).status).toBe(403)
    expect((await checkSession(ownerSession)).ok).toBe(true)
    expect((await call(token.DELETE, 'DELETE', `/api/v1/tokens/${otherRow.id}`, { token: leaked, params: { id: otherRow.id } })).status).toBe(403)
    expect((await call(tokens.POST, 'POST', '/api/v1/tokens', { token: leaked, body: { name: 'x', scopes: ['export'], max_tier: 'confidential' } })).status).toBe(403)

    // 4. Read sessions (with IPs), tokens, passkeys and the access log.
    for (const [handler, path] of [
      [sessions.GET, '/api/v1/sessions'],
      [tokens.GET, '/api/v1/tokens'],
      [passkeys.GET, '/api/v1/passkeys'],
      [accessLog.GET, '/api/v1/account/access-log'],
    ] as const) {
      const read = await call(handler, 'GET', path, { token: leaked })
      expect(read.status, path).toBe(403)
      expect(read.text).not.toContain('198.51.100')
    }

    // 5. Rename or remove a passkey.
    expect((await call(passkey.PATCH, 'PATCH', '/', { token: leaked, params: { id: 'any' }, body: { name: 'x' } })).status).toBe(403)
    expect((await call(passkey.DELETE, 'DELETE', '/', { token: leaked, params: { id: 'any' } })).status).toBe(403)

    // The other token still works; the leaked one still searches (its scope).
    const { GET: listMemories } = await import('@/app/api/v1/memories/route')
    expect((await call(listMemories, 'GET', '/api/v1/memories', { token: otherToken })).status).toBe(200)
    expect((await call(search.POST, 'POST', '/api/v1/search', { token: leaked, body: { query: 'coffee' } })).status).toBe(200)
  })

  it('gets 403 forbidden:token from every account, security and credential route, whatever its scopes', async () => {
    const owner = await createUser()
    const everything = await tokenFor(owner, 'confidential')
    for (const [name, method, handler, body] of SESSION_ONLY) {
      const response = await call(handler, method, '/', { token: everything, body, params: { id: randomUUID() } })
      expect(response.status, name).toBe(403)
      expect(response.json.error.code, name).toBe('forbidden:token')
    }
  })

  it('is told 401 (not 403) when it is no valid token at all', async () => {
    const response = await call(sessions.GET, 'GET', '/', { token: 'mnemo_forged' })
    expect(response.status).toBe(401)
    expect(response.json.error.code).toBe('unauthorized:token')
  })
})
