// Changing the email or phone needs the owner (current password or a fresh passkey step-up); a
// new address counts once confirmed; resets go only to a confirmed address; a password change or
// reset revokes every API token.
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { PATCH as patchAccount, GET as getAccount } from '@/app/api/v1/account/route'
import { POST as confirmEmailRoute } from '@/app/api/v1/account/email/confirm/route'
import { POST as changePasswordRoute } from '@/app/api/v1/account/password/route'
import { POST as requestReset } from '@/app/api/v1/auth/password-reset/route'
import { POST as confirmReset } from '@/app/api/v1/auth/password-reset/confirm/route'
import { GET as listMemories } from '@/app/api/v1/memories/route'
import { getDb } from '@/db'
import { emailConfirmations, sessions } from '@/db/schema'
import { verifyLogin } from '@/lib/auth/credentials'
import { outboxDirectory } from '@/lib/notify/mail'
import { createUser, testInfo } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { confirmationTokenFor, confirmOwnEmail } from '../fixtures/email'
import { call, OTHER_STRONG_PASSWORD, phone, STRONG_PASSWORD } from '../fixtures/http'
import { mailsTo, resetTokenIn } from '../fixtures/outbox'
import { sessionFor, tokenFor } from '../fixtures/principal'
import { asSession } from '../fixtures/session-auth'

vi.mock('@/auth', () => import('../fixtures/session-auth'))

setupTestDatabase()

const mails = (to: string) => mailsTo(outboxDirectory(), to)
let ip = 0
const resetFor = (email: string) => call(requestReset, 'POST', '/', { ip: `192.0.2.${++ip}`, body: { email } })

describe('changing the email', () => {
  it('needs the current password: none or a wrong one is refused and nothing is mailed', async () => {
    const user = await createUser({ email: 'first@example.com' })
    const session = await sessionFor(user)
    const none = await call(patchAccount, 'PATCH', '/', asSession(session, { body: { email: 'second@example.com' } }))
    expect(none.status).toBe(400)
    expect(none.json.error.fields).toHaveProperty('current_password')
    const wrong = await call(patchAccount, 'PATCH', '/', asSession(session, { body: { email: 'second@example.com', current_password: 'not-my-password-1' } }))
    expect(wrong.status).toBe(400)
    expect(wrong.json.error.code).toBe('bad_request:password')
    expect(mails('second@example.com')).toEqual([])
    expect(mails('first@example.com').filter((m) => m.includes('being changed'))).toEqual([])
  })

  it('locks the password check after 3 wrong guesses (429), so it is no password oracle', async () => {
    const user = await createUser()
    const session = await sessionFor(user)
    const guess = (password: string) => call(patchAccount, 'PATCH', '/', asSession(session, { body: { email: 'x@example.com', current_password: password } }))
    for (let i = 0; i < 3; i++) await guess(`wrong-guess-${i}-abc`)
    const locked = await guess(STRONG_PASSWORD)
    expect(locked.status).toBe(429)
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('mails a link to the new address, tells the old one, and changes only once confirmed', async () => {
    const user = await createUser({ email: 'old@example.com' })
    await confirmOwnEmail('old@example.com')
    const session = await sessionFor(user)
    const response = await call(patchAccount, 'PATCH', '/', asSession(session, { body: { email: 'New@Example.com', current_password: STRONG_PASSWORD } }))
    expect(response.status).toBe(200)
    expect(response.json).toMatchObject({ email: 'old@example.com', email_verified: true, pending_email: 'new@example.com' })
    expect(mails('old@example.com').some((m) => m.includes('being changed') && m.includes('new@example.com'))).toBe(true)

    // Until it is confirmed, a reset to the new address sends nothing; the old one still gets it.
    expect((await resetFor('new@example.com')).status).toBe(202)
    expect(mails('new@example.com').filter((m) => m.includes('reset-password'))).toEqual([])
    await resetFor('old@example.com')
    expect(mails('old@example.com').some((m) => m.includes('reset-password'))).toBe(true)

    const token = confirmationTokenFor('new@example.com')
    const confirmed = await call(confirmEmailRoute, 'POST', '/', { body: { token } })
    expect(confirmed.status).toBe(200)
    const now = await call(getAccount, 'GET', '/', asSession(session))
    expect(now.json).toMatchObject({ email: 'new@example.com', email_verified: true, pending_email: null })
    const again = await call(confirmEmailRoute, 'POST', '/', { body: { token } })
    expect(again.status).toBe(400)
    expect(again.json.error.fields).toHaveProperty('token')

    await resetFor('new@example.com')
    expect(mails('new@example.com').some((m) => m.includes('reset-password'))).toBe(true)
  })

  it('refuses an expired confirmation link', async () => {
    const user = await createUser({ email: 'slow@example.com' })
    const token = confirmationTokenFor('slow@example.com')
    await (await getDb()).update(emailConfirmations).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(emailConfirmations.userId, user.id))
    expect((await call(confirmEmailRoute, 'POST', '/', { body: { token } })).status).toBe(400)
    expect((await resetFor('slow@example.com')).status).toBe(202)
    expect(mails('slow@example.com').filter((m) => m.includes('reset-password'))).toEqual([])
  })

  it('accepts a fresh passkey step-up instead of the password', async () => {
    const user = await createUser()
    const stepped = await sessionFor(user, { unlocks: { '3': new Date(Date.now() + 10 * 60_000).toISOString() } })
    const response = await call(patchAccount, 'PATCH', '/', asSession(stepped, { body: { email: 'stepped@example.com' } }))
    expect(response.status).toBe(200)
    expect(response.json.pending_email).toBe('stepped@example.com')
    const stale = await sessionFor(user, { unlocks: { '3': new Date(Date.now() - 60_000).toISOString() } })
    expect((await call(patchAccount, 'PATCH', '/', asSession(stale, { body: { email: 'stale@example.com' } }))).status).toBe(400)
  })
})

describe('changing the phone', () => {
  it('needs the current password, tells the confirmed email, and signs in with the new number', async () => {
    const user = await createUser({ email: 'phone-owner@example.com' })
    await confirmOwnEmail('phone-owner@example.com')
    const session = await sessionFor(user)
    const newPhone = phone(990)
    expect((await call(patchAccount, 'PATCH', '/', asSession(session, { body: { phone: newPhone } }))).status).toBe(400)
    const done = await call(patchAccount, 'PATCH', '/', asSession(session, { body: { phone: newPhone, current_password: STRONG_PASSWORD } }))
    expect(done.status).toBe(200)
    expect(done.json.phone).toBe(newPhone)
    expect(mails('phone-owner@example.com').some((m) => m.includes('phone number') && m.includes(newPhone))).toBe(true)
    await expect(verifyLogin({ identifier: newPhone, password: STRONG_PASSWORD }, testInfo('198.51.100.150'))).resolves.toMatchObject({ id: user.id })
  })
})

describe('a password change or reset', () => {
  it('revokes every API token (change through the API)', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    expect((await call(listMemories, 'GET', '/', { token })).status).toBe(200)
    const session = await sessionFor(user)
    const changed = await call(changePasswordRoute, 'POST', '/', asSession(session, { body: { current_password: STRONG_PASSWORD, new_password: OTHER_STRONG_PASSWORD } }))
    expect(changed.status).toBe(200)
    const after = await call(listMemories, 'GET', '/', { token })
    expect(after.status).toBe(401)
    expect(after.json.error.code).toBe('unauthorized:token')
  })

  it('revokes every API token and session (reset by the emailed link)', async () => {
    const user = await createUser({ email: 'forgot@example.com' })
    await confirmOwnEmail('forgot@example.com')
    const token = await tokenFor(user)
    const session = await sessionFor(user)
    await resetFor('forgot@example.com')
    const link = mails('forgot@example.com').filter((m) => m.includes('reset-password')).pop()!
    expect((await call(confirmReset, 'POST', '/', { body: { token: resetTokenIn(link), password: OTHER_STRONG_PASSWORD } })).status).toBe(200)
    expect((await call(listMemories, 'GET', '/', { token })).status).toBe(401)
    const [row] = await (await getDb()).select().from(sessions).where(eq(sessions.id, session.sessionId!))
    expect(row.revokedAt).not.toBeNull()
  })
})
