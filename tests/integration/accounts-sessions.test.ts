import { eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getDb } from '@/db'
import { passkeys, passwordResetTokens, users } from '@/db/schema'
import { POST as requestReset } from '@/app/api/v1/auth/password-reset/route'
import { POST as confirmReset } from '@/app/api/v1/auth/password-reset/confirm/route'
import { PATCH as patchAccount } from '@/app/api/v1/account/route'
import { GET as history } from '@/app/api/v1/account/history/route'
import { POST as changePasswordRoute } from '@/app/api/v1/account/password/route'
import { POST as confirmEmailRoute } from '@/app/api/v1/account/email/confirm/route'
import { deleteAccount } from '@/lib/accounts/delete'
import { changePassword } from '@/lib/accounts/password'
import { verifyLogin } from '@/lib/auth/credentials'
import { checkSession, listSessions, revokeOtherSessions, revokeSession, startSession } from '@/lib/auth/sessions'
import { outboxDirectory } from '@/lib/notify/mail'
import { createUser, testInfo } from '../fixtures/accounts'
import { SoftAuthenticator } from '../fixtures/authenticator'
import { setupTestDatabase } from '../fixtures/db'
import { confirmTokenIn, latestMail as latestMailIn, mailsTo, resetTokenIn } from '../fixtures/outbox'
import { call, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../fixtures/http'
import { sessionFor } from '../fixtures/principal'
import { asSession } from '../fixtures/session-auth'

vi.mock('@/auth', () => import('../fixtures/session-auth'))

setupTestDatabase()

afterEach(() => {
  delete process.env.MNEMO_SESSION_IDLE_HOURS
  delete process.env.MNEMO_SESSION_MAX_HOURS
})

describe('sessions', () => {
  it('are listed per device and a revoked one is refused at once', async () => {
    const user = await createUser()
    const phone = await startSession({ userId: user.id, info: testInfo('198.51.100.1') })
    const laptop = await startSession({ userId: user.id, info: { ...testInfo('198.51.100.2'), device: 'Firefox on macOS' } })
    const listed = await listSessions({ userId: user.id })
    expect(listed.map((s) => s.id).sort()).toEqual([phone.id, laptop.id].sort())
    expect(listed.find((s) => s.id === laptop.id)).toMatchObject({ device: 'Firefox on macOS', ip: '198.51.100.2' })

    expect((await checkSession(phone)).ok).toBe(true)
    expect(await revokeSession({ userId: user.id, id: phone.id })).toBe(true)
    expect(await checkSession(phone)).toEqual({ ok: false, reason: 'revoked' })
    expect((await checkSession(laptop)).ok).toBe(true)
  })

  it("cannot revoke another user's session", async () => {
    const alice = await createUser()
    const bob = await createUser()
    const bobs = await startSession({ userId: bob.id, info: testInfo() })
    expect(await revokeSession({ userId: alice.id, id: bobs.id })).toBe(false)
    expect((await checkSession(bobs)).ok).toBe(true)
  })

  it('signs out every other device but keeps the current one', async () => {
    const user = await createUser()
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => startSession({ userId: user.id, info: testInfo() })))
    expect(await revokeOtherSessions({ userId: user.id, keepId: b.id })).toBe(2)
    expect((await checkSession(a)).ok).toBe(false)
    expect((await checkSession(b)).ok).toBe(true)
    expect((await checkSession(c)).ok).toBe(false)
  })

  it('rejects a wrong secret for a real session id', async () => {
    const user = await createUser()
    const s = await startSession({ userId: user.id, info: testInfo() })
    expect(await checkSession({ id: s.id, secret: 'guess' })).toEqual({ ok: false, reason: 'unknown' })
  })

  it('expire when idle and at their absolute age', async () => {
    const user = await createUser()
    process.env.MNEMO_SESSION_IDLE_HOURS = String(0.3 / 3600)
    const idle = await startSession({ userId: user.id, info: testInfo() })
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(await checkSession(idle)).toEqual({ ok: false, reason: 'idle' })
    delete process.env.MNEMO_SESSION_IDLE_HOURS

    process.env.MNEMO_SESSION_MAX_HOURS = String(0.3 / 3600)
    const old = await startSession({ userId: user.id, info: testInfo() })
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(await checkSession(old)).toEqual({ ok: false, reason: 'expired' })
  })
})

describe('changing the password', () => {
  it('needs the current password and ends every other session', async () => {
    const user = await createUser()
    const here = await startSession({ userId: user.id, info: testInfo() })
    const elsewhere = await startSession({ userId: user.id, info: testInfo() })
    await expect(
      changePassword({ userId: user.id, sessionId: here.id, currentPassword: 'wrong-wrong-wrong', newPassword: OTHER_STRONG_PASSWORD, info: testInfo() }),
    ).rejects.toMatchObject({ code: 'bad_request:password' })
    const result = await changePassword({ userId: user.id, sessionId: here.id, currentPassword: STRONG_PASSWORD, newPassword: OTHER_STRONG_PASSWORD, info: testInfo() })
    expect(result.revokedSessions).toBe(1)
    expect((await checkSession(here)).ok).toBe(true)
    expect((await checkSession(elsewhere)).ok).toBe(false)
    await expect(verifyLogin({ identifier: user.phone, password: STRONG_PASSWORD }, testInfo('198.51.100.90'))).rejects.toThrow()
    await expect(verifyLogin({ identifier: user.phone, password: OTHER_STRONG_PASSWORD }, testInfo('198.51.100.90'))).resolves.toMatchObject({ id: user.id })
  })

  it('counts wrong current passwords toward the account lockout, as deleting the account does (no password oracle)', async () => {
    const user = await createUser()
    const here = await startSession({ userId: user.id, info: testInfo() })
    const wrong = () => changePassword({ userId: user.id, sessionId: here.id, currentPassword: 'wrong-wrong-wrong', newPassword: OTHER_STRONG_PASSWORD, info: testInfo() })
    const answers: string[] = []
    for (let i = 0; i < 4; i++) answers.push(await wrong().then(() => 'changed', (e: { code: string }) => e.code))
    expect(answers.some((code) => code.startsWith('rate_limited:'))).toBe(true)
    // Locked out, even the right password waits; deleting the account meets the same lock.
    await expect(changePassword({ userId: user.id, sessionId: here.id, currentPassword: STRONG_PASSWORD, newPassword: OTHER_STRONG_PASSWORD, info: testInfo() })).rejects.toMatchObject({ code: expect.stringMatching(/^rate_limited:/) })
    await expect(deleteAccount({ userId: user.id, password: STRONG_PASSWORD, info: testInfo() })).rejects.toMatchObject({ code: expect.stringMatching(/^rate_limited:/) })
  })

  it('refuses a weak new password through the API', async () => {
    const user = await createUser()
    const response = await call(changePasswordRoute, 'POST', '/', asSession(await sessionFor(user), { body: { current_password: STRONG_PASSWORD, new_password: 'qwerty123' } }))
    expect(response.status).toBe(400)
    expect(Object.keys(response.json.error.fields)).toEqual(['new_password'])
  })
})

const latestMail = () => latestMailIn(outboxDirectory())

/** Follows the confirmation link of the newest mail, as the owner of the address would. */
async function confirmLatestEmail() {
  const response = await call(confirmEmailRoute, 'POST', '/', { body: { token: confirmTokenIn(latestMail()) } })
  expect(response.status).toBe(200)
}

describe('password reset', () => {
  it('mails a single-use link that sets a new password and ends every session', async () => {
    const user = await createUser({ email: 'reset-me@example.com' })
    await confirmLatestEmail()
    const session = await startSession({ userId: user.id, info: testInfo() })
    const asked = await call(requestReset, 'POST', '/', { ip: '198.51.100.60', body: { email: 'Reset-Me@example.com' } })
    expect(asked.status).toBe(202)
    const mail = latestMail()
    expect(mail).toContain('To: reset-me@example.com')
    const token = resetTokenIn(mail)

    // A passkey someone added while holding a session must not outlive the recovery.
    const key = new SoftAuthenticator()
    await (await getDb()).insert(passkeys).values({ id: key.id, userId: user.id, name: 'not mine', publicKey: key.publicKey, counter: 0 })

    const done = await call(confirmReset, 'POST', '/', { body: { token, password: OTHER_STRONG_PASSWORD } })
    expect(done.status).toBe(200)
    expect((await checkSession(session)).ok).toBe(false)
    expect(await (await getDb()).select().from(passkeys).where(eq(passkeys.userId, user.id))).toEqual([])
    await expect(verifyLogin({ identifier: user.phone, password: OTHER_STRONG_PASSWORD }, testInfo('198.51.100.61'))).resolves.toMatchObject({ id: user.id })

    const reused = await call(confirmReset, 'POST', '/', { body: { token, password: 'another-fresh-phrase-77' } })
    expect(reused.status).toBe(400)
    expect(reused.json.error.fields).toHaveProperty('token')
  })

  it('voids reset links mailed before a password change', async () => {
    const user = await createUser({ email: 'void-links@example.com' })
    await confirmLatestEmail()
    expect((await call(requestReset, 'POST', '/', { ip: '198.51.100.70', body: { email: 'void-links@example.com' } })).status).toBe(202)
    const olderReset = resetTokenIn(latestMail())
    const session = await sessionFor(user)
    await changePassword({ userId: user.id, sessionId: session.sessionId!, currentPassword: STRONG_PASSWORD, newPassword: OTHER_STRONG_PASSWORD, info: testInfo() })
    expect((await call(confirmReset, 'POST', '/', { body: { token: olderReset, password: 'a-third-fresh-phrase-88' } })).status).toBe(400)
    await expect(verifyLogin({ identifier: user.phone, password: OTHER_STRONG_PASSWORD }, testInfo('198.51.100.71'))).resolves.toMatchObject({ id: user.id })
  })

  it('a password change voids an email change asked before it, and keeps the sign-up link of the current address', async () => {
    // Whoever held the session asked for their own address; the owner changes the password.
    const owner = await createUser({ email: 'owner-mail@example.com' })
    await confirmLatestEmail()
    const session = await sessionFor(owner)
    const asked = await call(patchAccount, 'PATCH', '/', asSession(session, { body: { email: 'intruder@example.com', current_password: STRONG_PASSWORD } }))
    expect(asked.status).toBe(200)
    const intruderLink = confirmTokenIn(mailsTo(outboxDirectory(), 'intruder@example.com').at(-1)!)
    await changePassword({ userId: owner.id, sessionId: session.sessionId!, currentPassword: STRONG_PASSWORD, newPassword: OTHER_STRONG_PASSWORD, info: testInfo() })
    expect((await call(confirmEmailRoute, 'POST', '/', { body: { token: intruderLink } })).status).toBe(400)
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, owner.id))
    expect(row.email).toBe('owner-mail@example.com')
    expect(row.emailVerifiedAt).not.toBeNull()

    // A new account changes its password before opening the sign-up mail: that link still works.
    const fresh = await createUser({ email: 'fresh-signup@example.com' })
    const signUpLink = confirmTokenIn(mailsTo(outboxDirectory(), 'fresh-signup@example.com').at(-1)!)
    const freshSession = await sessionFor(fresh)
    await changePassword({ userId: fresh.id, sessionId: freshSession.sessionId!, currentPassword: STRONG_PASSWORD, newPassword: OTHER_STRONG_PASSWORD, info: testInfo() })
    expect((await call(confirmEmailRoute, 'POST', '/', { body: { token: signUpLink } })).status).toBe(200)
    const [confirmed] = await (await getDb()).select().from(users).where(eq(users.id, fresh.id))
    expect(confirmed.emailVerifiedAt).not.toBeNull()
  })

  it('a password reset voids an email change asked before it', async () => {
    const owner = await createUser({ email: 'reset-owner@example.com' })
    await confirmLatestEmail()
    const session = await sessionFor(owner)
    expect((await call(patchAccount, 'PATCH', '/', asSession(session, { body: { email: 'intruder-two@example.com', current_password: STRONG_PASSWORD } }))).status).toBe(200)
    const intruderLink = confirmTokenIn(mailsTo(outboxDirectory(), 'intruder-two@example.com').at(-1)!)
    expect((await call(requestReset, 'POST', '/', { ip: '198.51.100.72', body: { email: 'reset-owner@example.com' } })).status).toBe(202)
    const reset = resetTokenIn(mailsTo(outboxDirectory(), 'reset-owner@example.com').at(-1)!)
    expect((await call(confirmReset, 'POST', '/', { body: { token: reset, password: 'a-third-fresh-phrase-88' } })).status).toBe(200)
    expect((await call(confirmEmailRoute, 'POST', '/', { body: { token: intruderLink } })).status).toBe(400)
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, owner.id))
    expect(row.email).toBe('reset-owner@example.com')
  })

  it('answers the same for an unknown account, and sends nothing', async () => {
    await createUser({ email: 'known@example.com' })
    const before = latestMail()
    const a = await call(requestReset, 'POST', '/', { ip: '198.51.100.62', body: { email: 'nobody@example.com' } })
    const b = await call(requestReset, 'POST', '/', { ip: '198.51.100.63', body: { phone: '+14155550998' } })
    expect(a.status).toBe(202)
    expect(b.status).toBe(202)
    expect(a.json).toEqual(b.json)
    expect(latestMail()).toBe(before)
  })

  it('refuses an expired token', async () => {
    const user = await createUser({ email: 'late@example.com' })
    await confirmLatestEmail()
    await call(requestReset, 'POST', '/', { ip: '198.51.100.64', body: { email: 'late@example.com' } })
    const token = resetTokenIn(latestMail())
    const db = await getDb()
    await db.update(passwordResetTokens).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(passwordResetTokens.userId, user.id))
    const response = await call(confirmReset, 'POST', '/', { body: { token, password: OTHER_STRONG_PASSWORD } })
    expect(response.status).toBe(400)
    expect(response.json.error.fields).toHaveProperty('token')
    // The same token, made valid again, works: the refusal above was the expiry.
    await db.update(passwordResetTokens).set({ expiresAt: sql`now() + interval '5 minutes'` }).where(eq(passwordResetTokens.userId, user.id))
    expect((await call(confirmReset, 'POST', '/', { body: { token, password: OTHER_STRONG_PASSWORD } })).status).toBe(200)
  })

  it('limits requests per account with 429', async () => {
    await createUser({ email: 'spam@example.com' })
    await confirmLatestEmail()
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await call(requestReset, 'POST', '/', { ip: `198.51.101.${i}`, body: { email: 'spam@example.com' } })).status)
    expect(statuses).toEqual([202, 202, 202, 429])
  })
})

describe('profile and preferences', () => {
  it('records every changed preference in the history, with old and new values', async () => {
    const user = await createUser({ name: 'Old Name' })
    const session = await sessionFor(user)
    const response = await call(
      patchAccount,
      'PATCH',
      '/api/v1/account',
      asSession(session, { body: { name: 'New Name', timezone: 'Asia/Tokyo', preferences: { digest_time: '07:30', default_tier: 'confidential', notifications: { email: true } } } }),
    )
    expect(response.status).toBe(200)
    expect(response.json).toMatchObject({
      name: 'New Name',
      timezone: 'Asia/Tokyo',
      preferences: { digest_time: '07:30', default_tier: 'confidential', notifications: { in_app: true, email: true, push: false } },
    })
    const changes = await call(history, 'GET', '/', asSession(session))
    const byKey = Object.fromEntries(changes.json.items.map((c: { key: string }) => [c.key, c]))
    expect(byKey.name).toMatchObject({ old_value: 'Old Name', new_value: 'New Name', changed_by: user.id })
    expect(byKey['preferences.digest_time']).toMatchObject({ old_value: '21:00', new_value: '07:30' })
    expect(byKey['preferences.notifications.email']).toMatchObject({ old_value: false, new_value: true })
    expect(byKey['preferences.notifications.push']).toBeUndefined()
  })

  it('refuses bad values and an email another account has', async () => {
    await createUser({ email: 'taken@example.com' })
    const user = await createUser()
    const session = await sessionFor(user)
    const badTime = await call(patchAccount, 'PATCH', '/', asSession(session, { body: { preferences: { digest_time: '25:00' } } }))
    expect(badTime.status).toBe(400)
    const badTier = await call(patchAccount, 'PATCH', '/', asSession(session, { body: { preferences: { default_tier: 'topsecret' } } }))
    expect(badTier.status).toBe(400)
    // With a new name and phone in the same request: the 409 leaves all of it unchanged.
    const taken = await call(patchAccount, 'PATCH', '/', asSession(session, { body: { name: 'renamed', phone: '+1 415 555 2679', email: 'TAKEN@example.com', current_password: STRONG_PASSWORD } }))
    expect(taken.status).toBe(409)
    expect(taken.json.error.code).toBe('conflict:email')
    const [row] = await (await getDb()).select().from(users).where(eq(users.id, user.id))
    expect(row).toMatchObject({ email: null, name: user.name, phone: user.phone })
  })
})
