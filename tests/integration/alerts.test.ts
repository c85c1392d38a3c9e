import { describe, expect, it } from 'vitest'
import { GET as accessLogRoute } from '@/app/api/v1/account/access-log/route'
import { GET as notificationsRoute } from '@/app/api/v1/notifications/route'
import { POST as readRoute } from '@/app/api/v1/notifications/read/route'
import { updateProfile } from '@/lib/accounts/profile'
import { recordAccess } from '@/lib/audit'
import { outboxDirectory } from '@/lib/notify/mail'
import { verifyStepUp } from '@/lib/webauthn'
import { createUser, testInfo } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call } from '../fixtures/http'
import { latestMail } from '../fixtures/outbox'
import { sessionFor, tokenFor } from '../fixtures/principal'

setupTestDatabase()

const kinds = async (token: string) => (await call(notificationsRoute, 'GET', '/', { token })).json.items.map((n: { kind: string }) => n.kind)

const fake = (challenge: string) =>
  ({ id: 'nope', rawId: 'nope', type: 'public-key', clientExtensionResults: {}, response: { clientDataJSON: Buffer.from(JSON.stringify({ challenge })).toString('base64url'), authenticatorData: '', signature: '' } }) as never

describe('security alerts', () => {
  it('alert after 3 failed unlocks in 10 minutes, in the app and by email when enabled', async () => {
    const user = await createUser({ email: 'alerts@example.com' })
    await updateProfile({ userId: user.id, actorId: user.id, changes: { preferences: { notifications: { email: true } } } })
    const principal = await sessionFor(user)
    for (let i = 0; i < 3; i++) await verifyStepUp(principal, 'secret', fake(`x${i}`), testInfo()).catch(() => undefined)
    const token = await tokenFor(user)
    expect(await kinds(token)).toContain('security.failed_unlocks')
    expect(latestMail(outboxDirectory())).toContain('Failed unlocks of your protected memories')
  })

  it('alert on an unlock from a new device or IP, once', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    await recordAccess({ userId: user.id, action: 'login', success: true, ...testInfo('198.51.100.1') })
    await recordAccess({ userId: user.id, action: 'unlock', tier: 'secret', success: true, ...testInfo('198.51.100.1') })
    expect(await kinds(token)).not.toContain('security.new_device')
    await recordAccess({ userId: user.id, action: 'unlock', tier: 'secret', success: true, ...testInfo('203.0.113.77'), device: 'Firefox on Windows' })
    expect((await kinds(token)).filter((k: string) => k === 'security.new_device')).toHaveLength(1)
    await recordAccess({ userId: user.id, action: 'unlock', tier: 'secret', success: true, ...testInfo('203.0.113.77'), device: 'Firefox on Windows' })
    expect((await kinds(token)).filter((k: string) => k === 'security.new_device')).toHaveLength(1)
  })

  it('alert on a high-risk event, and mark alerts read', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    await recordAccess({ userId: user.id, action: 'login.lockout', success: false, riskScore: 0.8, ...testInfo() })
    const before = await call(notificationsRoute, 'GET', '/', { token })
    expect(before.json.items[0]).toMatchObject({ kind: 'security.high_risk', read: false })
    expect((await call(readRoute, 'POST', '/', { token, body: {} })).json.marked).toBe(1)
    expect((await call(notificationsRoute, 'GET', '/', { token })).json.items[0].read).toBe(true)
  })
})

describe('the access log in settings', () => {
  it("shows a user their own rows only, newest first", async () => {
    const alice = await createUser()
    const bob = await createUser()
    await recordAccess({ userId: bob.id, action: 'memory.read', tier: 'secret', success: true, ...testInfo() })
    const token = await tokenFor(alice)
    const r = await call(accessLogRoute, 'GET', '/api/v1/account/access-log', { token })
    expect(r.status).toBe(200)
    expect(r.json.items.length).toBeGreaterThan(0)
    expect(r.json.items[0].action).toBe('token.create')
    expect(r.json.items.every((e: { action: string }) => e.action !== 'memory.read')).toBe(true)
  })
})
