import { describe, expect, it, vi } from 'vitest'
import { GET as accessLogRoute } from '@/app/api/v1/account/access-log/route'
import { GET as notificationsRoute } from '@/app/api/v1/notifications/route'
import { POST as readRoute } from '@/app/api/v1/notifications/read/route'
import { POST as confirmEmailRoute } from '@/app/api/v1/account/email/confirm/route'
import { updateProfile } from '@/lib/accounts/profile'
import type { Principal } from '@/lib/auth/principal'
import { recordAccess } from '@/lib/audit'
import { outboxDirectory } from '@/lib/notify/mail'
import { verifyStepUp } from '@/lib/webauthn'
import { createUser, testInfo } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call } from '../fixtures/http'
import { confirmTokenIn, latestMail, mailsTo } from '../fixtures/outbox'
import { sessionFor } from '../fixtures/principal'
import { asSession } from '../fixtures/session-auth'

vi.mock('@/auth', () => import('../fixtures/session-auth'))

setupTestDatabase()

const kinds = async (session: Principal) => (await call(notificationsRoute, 'GET', '/', asSession(session))).json.items.map((n: { kind: string }) => n.kind)

const fake = (challenge: string) =>
  ({ id: 'nope', rawId: 'nope', type: 'public-key', clientExtensionResults: {}, response: { clientDataJSON: Buffer.from(JSON.stringify({ challenge })).toString('base64url'), authenticatorData: '', signature: '' } }) as never

describe('security alerts', () => {
  it('alert after 3 failed unlocks in 10 minutes, in the app and by email when enabled', async () => {
    const user = await createUser({ email: 'alerts@example.com' })
    await updateProfile({ userId: user.id, actorId: user.id, changes: { preferences: { notifications: { email: true } } }, info: testInfo() })
    const principal = await sessionFor(user)
    for (let i = 0; i < 3; i++) await verifyStepUp(principal, 'secret', fake(`x${i}`), testInfo()).catch(() => undefined)
    expect(await kinds(principal)).toContain('security.failed_unlocks')
    expect(latestMail(outboxDirectory())).toContain('Failed unlocks of your protected memories')
  })

  it('alert on an unlock from a new device or IP, once', async () => {
    const user = await createUser()
    const session = await sessionFor(user)
    await recordAccess({ userId: user.id, action: 'login', success: true, ...testInfo('198.51.100.1') })
    await recordAccess({ userId: user.id, action: 'unlock', tier: 'secret', success: true, ...testInfo('198.51.100.1') })
    expect(await kinds(session)).not.toContain('security.new_device')
    await recordAccess({ userId: user.id, action: 'unlock', tier: 'secret', success: true, ...testInfo('203.0.113.77'), device: 'Firefox on Windows' })
    expect((await kinds(session)).filter((k: string) => k === 'security.new_device')).toHaveLength(1)
    await recordAccess({ userId: user.id, action: 'unlock', tier: 'secret', success: true, ...testInfo('203.0.113.77'), device: 'Firefox on Windows' })
    expect((await kinds(session)).filter((k: string) => k === 'security.new_device')).toHaveLength(1)
  })

  it('alert on a high-risk event, and mark alerts read', async () => {
    const user = await createUser()
    const session = await sessionFor(user)
    await recordAccess({ userId: user.id, action: 'login.lockout', success: false, riskScore: 0.8, ...testInfo() })
    const before = await call(notificationsRoute, 'GET', '/', asSession(session))
    expect(before.json.items[0]).toMatchObject({ kind: 'security.high_risk', read: false })
    expect((await call(readRoute, 'POST', '/', asSession(session, { body: {} }))).json.marked).toBe(1)
    expect((await call(notificationsRoute, 'GET', '/', asSession(session))).json.items[0].read).toBe(true)
  })
})

describe('alerts on changes that would let someone else keep the account', () => {
  it('a passkey added or removed, the password changed or reset: in the app, and mailed to a confirmed address with email notifications off', async () => {
    const user = await createUser({ email: 'account-changes@example.com' })
    expect((await call(confirmEmailRoute, 'POST', '/', { body: { token: confirmTokenIn(latestMail(outboxDirectory())) } })).status).toBe(200)
    const session = await sessionFor(user)
    const before = mailsTo(outboxDirectory(), 'account-changes@example.com').length
    await recordAccess({ userId: user.id, action: 'passkey.register', success: true, ...testInfo('203.0.113.9'), device: 'Chrome on Android' })
    await recordAccess({ userId: user.id, action: 'passkey.remove', success: true, ...testInfo() })
    await recordAccess({ userId: user.id, action: 'password.change', success: true, ...testInfo() })
    await recordAccess({ userId: user.id, action: 'password_reset.confirm', success: true, ...testInfo() })
    // A refused attempt changed nothing: no alert of this kind.
    await recordAccess({ userId: user.id, action: 'password.change', success: false, ...testInfo() })
    const got = await kinds(session)
    for (const kind of ['security.passkey_added', 'security.passkey_removed', 'security.password_changed', 'security.password_reset']) expect(got.filter((k: string) => k === kind)).toHaveLength(1)
    const mails = mailsTo(outboxDirectory(), 'account-changes@example.com').slice(before)
    expect(mails).toHaveLength(4)
    expect(mails[0]).toContain('A passkey was added to your account')
    expect(mails[0]).toContain('Chrome on Android')
    expect(mails[0]).toContain('removes every passkey')
  })

  it('an unconfirmed address gets no such mail; the app still says it', async () => {
    const user = await createUser({ email: 'unconfirmed-changes@example.com' })
    const before = mailsTo(outboxDirectory(), 'unconfirmed-changes@example.com').length
    await recordAccess({ userId: user.id, action: 'passkey.register', success: true, ...testInfo() })
    expect(await kinds(await sessionFor(user))).toContain('security.passkey_added')
    expect(mailsTo(outboxDirectory(), 'unconfirmed-changes@example.com')).toHaveLength(before)
  })

  it('a sign-in from a device and IP not seen before, once; none from a known one', async () => {
    const user = await createUser()
    const session = await sessionFor(user)
    await recordAccess({ userId: user.id, action: 'login', success: true, ...testInfo('10.9.99.1') })
    const known = (await kinds(session)).filter((k: string) => k === 'security.new_sign_in')
    await recordAccess({ userId: user.id, action: 'login', success: true, ...testInfo('198.51.100.200'), device: 'Safari on iPhone' })
    await recordAccess({ userId: user.id, action: 'login', success: true, ...testInfo('198.51.100.200'), device: 'Safari on iPhone' })
    expect((await kinds(session)).filter((k: string) => k === 'security.new_sign_in')).toHaveLength(known.length + 1)
  })
})

describe('the access log in settings', () => {
  it("shows a user their own rows only, newest first", async () => {
    const alice = await createUser()
    const bob = await createUser()
    await recordAccess({ userId: bob.id, action: 'memory.read', tier: 'secret', success: true, ...testInfo() })
    const r = await call(accessLogRoute, 'GET', '/api/v1/account/access-log', asSession(await sessionFor(alice)))
    expect(r.status).toBe(200)
    expect(r.json.items.length).toBeGreaterThan(0)
    expect(r.json.items[0].action).toBe('register')
    expect(r.json.items.every((e: { action: string }) => e.action !== 'memory.read')).toBe(true)
  })
})
