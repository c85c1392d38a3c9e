// The malformed requests of issue 21, each of which answered 500: now a 4xx in the JSON error
// shape. (tests/integration/api-fuzz.test.ts looks for more of their kind at random.)
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { POST as register } from '@/app/api/v1/auth/register/route'
import { POST as capture, GET as list } from '@/app/api/v1/memories/route'
import { POST as searchRoute } from '@/app/api/v1/search/route'
import { DELETE as deletePasskey, PATCH as renamePasskey } from '@/app/api/v1/passkeys/[id]/route'
import { PATCH as patchAccount } from '@/app/api/v1/account/route'
import { POST as unlock } from '@/app/api/v1/unlock/route'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call } from '../fixtures/http'
import { sessionFor, tokenFor } from '../fixtures/principal'

const signedIn = vi.hoisted(() => ({ session: null as null | { user: { id: string }; sessionId: string; expires: string } }))
vi.mock('@/auth', async (importOriginal) => ({ ...(await importOriginal<typeof import('@/auth')>()), auth: async () => signedIn.session }))

setupTestDatabase()

let token: string
const cookie = { cookie: 'authjs.session-token=test' }

beforeAll(async () => {
  const user = await createUser()
  const session = await sessionFor(user)
  signedIn.session = { user: { id: user.id }, sessionId: session.sessionId!, expires: new Date(Date.now() + 3_600_000).toISOString() }
  token = await tokenFor(user, 'general')
})

describe('keys named like Object.prototype members', () => {
  it.each(['toString', 'constructor', '__proto__', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'])('%s is an unknown field', async (key) => {
    const answer = await call(register, 'POST', '/api/v1/auth/register', { raw: `{"${key}":1}` })
    expect(answer.status).toBe(400)
    expect(answer.json.error.code).toBe('bad_request:register')
    expect(answer.json.error.fields[key]).toEqual(['Unknown field.'])
  })
})

describe('NUL characters', () => {
  it('are refused in content, tags, query parameters, search tags, names and emails', async () => {
    const nul = 'a\u0000b'
    expect((await call(capture, 'POST', '/api/v1/memories', { token, body: { content: nul } })).status).toBe(400)
    expect((await call(list, 'GET', '/api/v1/memories?tag=a%00b', { token })).status).toBe(400)
    const searched = await call(searchRoute, 'POST', '/api/v1/search', { token, body: { query: 'dinner', tags: [nul] } })
    expect(searched.status).toBe(400)
    expect(searched.json.error.fields['tags.0']).toBeDefined()
    expect((await call(searchRoute, 'POST', '/api/v1/search', { token, body: { query: nul } })).status).toBe(400)
    expect((await call(patchAccount, 'PATCH', '/api/v1/account', { headers: cookie, body: { name: nul } })).status).toBe(400)
    expect((await call(patchAccount, 'PATCH', '/api/v1/account', { headers: cookie, body: { email: `a${nul}@example.com` } })).status).toBe(400)
    expect((await call(register, 'POST', '/api/v1/auth/register', { body: { phone: '+14155550100', password: 'violet-harbor-tractor-92', name: nul } })).status).toBe(400)
  })

  it('in a passkey id, like a malformed escape, names no passkey', async () => {
    for (const id of ['\u0000', '%00', '%25', '%', '%ff%fe']) {
      const removed = await call(deletePasskey, 'DELETE', `/api/v1/passkeys/${encodeURIComponent(id)}`, { headers: cookie, params: { id } })
      expect(removed.status, id).toBe(404)
      expect(removed.json.error.code).toBe('not_found:passkey')
      const renamed = await call(renamePasskey, 'PATCH', `/api/v1/passkeys/x`, { headers: cookie, params: { id }, body: { name: 'n' } })
      expect(renamed.status, id).toBe(404)
    }
  })
})

describe('dates outside the years 0001..9999', () => {
  it('are refused in occurred_at, list and search ranges', async () => {
    const capturedAt = await call(capture, 'POST', '/api/v1/memories', { token, body: { content: 'old', occurred_at: '0000-01-01T00:00:00Z' } })
    expect(capturedAt.status).toBe(400)
    expect(capturedAt.json.error.fields.occurred_at).toEqual(['Use a date between the years 0001 and 9999.'])
    // An offset can carry 0001-01-01 back into year 0000.
    expect((await call(capture, 'POST', '/api/v1/memories', { token, body: { content: 'old', occurred_at: '0001-01-01T05:00:00+14:00' } })).status).toBe(400)
    expect((await call(list, 'GET', '/api/v1/memories?from=0000-01-01', { token })).status).toBe(400)
    expect((await call(searchRoute, 'POST', '/api/v1/search', { token, body: { query: 'x', from: '0000-01-01' } })).status).toBe(400)
    expect((await call(searchRoute, 'POST', '/api/v1/search', { token, body: { query: 'x', to: '0000-12-31T23:59:59Z' } })).status).toBe(400)
  })

  it('accept the edges of the range', async () => {
    expect((await call(capture, 'POST', '/api/v1/memories', { token, body: { content: 'the first year', occurred_at: '0001-01-01T00:00:00Z', tier: 'general' } })).status).toBe(201)
    expect((await call(list, 'GET', '/api/v1/memories?from=0001-01-01&to=9999-12-31', { token })).status).toBe(200)
    expect((await call(searchRoute, 'POST', '/api/v1/search', { token, body: { query: 'year', from: '0001-01-01', to: '9999-12-31' } })).status).toBe(200)
  })
})

describe('a passkey answer whose client data is JSON without a challenge', () => {
  // Found by the fuzz test on PostgreSQL: the missing challenge reached the driver as undefined.
  it.each([
    ['a number', Buffer.from('5').toString('base64url')],
    ['null', Buffer.from('null').toString('base64url')],
    ['an object without a challenge', Buffer.from('{"type":"webauthn.get"}').toString('base64url')],
    ['a challenge that is not base64url', Buffer.from('{"challenge":"ɲ➸"}').toString('base64url')],
  ])('%s is a 400, not a 500', async (_what, clientDataJSON) => {
    const response = { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON } }
    const answer = await call(unlock, 'POST', '/api/v1/unlock', { body: { tier: 'secret', response }, headers: cookie })
    expect(answer.status).toBe(400)
    expect(answer.json.error.code).toBe('bad_request:passkey')
  })
})
