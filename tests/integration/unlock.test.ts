import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { accessLog, sessions } from '@/db/schema'
import { POST as lock } from '@/app/api/v1/lock/route'
import { memoryEventStream } from '@/lib/live'
import { canRead } from '@/lib/memories'
import { lockNow, stepUpOptions, verifyStepUp } from '@/lib/webauthn'
import { unlockWithPassword } from '@/lib/webauthn/password-unlock'
import { createUser, testInfo } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call, STRONG_PASSWORD } from '../fixtures/http'
import { sessionFor, tokenFor } from '../fixtures/principal'
import { SseReader } from '../fixtures/sse'

setupTestDatabase()

const fakeAssertion = (challenge: string) =>
  ({
    id: 'credential-that-does-not-exist',
    rawId: 'credential-that-does-not-exist',
    type: 'public-key',
    clientExtensionResults: {},
    response: {
      clientDataJSON: Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin: 'http://localhost:3000' })).toString('base64url'),
      authenticatorData: '',
      signature: '',
    },
  }) as never

describe('unlocking protected tiers', () => {
  it('asks for a passkey first when the user has none', async () => {
    const user = await createUser()
    await expect(stepUpOptions(await sessionFor(user), 'secret')).rejects.toMatchObject({ code: 'bad_request:passkey' })
  })

  it('refuses an unknown or replayed challenge, logs it, and locks step-ups after 3 failures', async () => {
    const user = await createUser()
    const principal = await sessionFor(user)
    for (let i = 0; i < 2; i++) {
      await expect(verifyStepUp(principal, 'secret', fakeAssertion(`made-up-${i}`), testInfo())).rejects.toMatchObject({ code: 'unauthorized:passkey' })
    }
    await expect(verifyStepUp(principal, 'secret', fakeAssertion('made-up-3'), testInfo())).rejects.toMatchObject({ code: 'rate_limited:unlock' })
    await expect(verifyStepUp(principal, 'secret', fakeAssertion('made-up-4'), testInfo())).rejects.toMatchObject({ code: 'rate_limited:unlock' })
    const failures = (await (await getDb()).select().from(accessLog)).filter((r) => r.userId === user.id && r.action === 'unlock' && !r.success)
    expect(failures).toHaveLength(3)
  })

  it('opens the confidential tier with the password, and "lock now" closes every window', async () => {
    const user = await createUser()
    const stale = await sessionFor(user, { freshLogin: false, unlocks: { '3': new Date(Date.now() + 600_000).toISOString() } })
    await expect(unlockWithPassword(stale, 'not-my-password-1', testInfo())).rejects.toMatchObject({ code: 'unauthorized:password' })
    const until = await unlockWithPassword(stale, STRONG_PASSWORD, testInfo())
    expect(until.getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000)
    const db = await getDb()
    const [row] = await db.select().from(sessions).where(eq(sessions.id, stale.sessionId!))
    expect(canRead({ ...stale, session: row }, 'confidential')).toBe(true)

    await lockNow({ ...stale, session: row }, testInfo())
    const [locked] = await db.select().from(sessions).where(eq(sessions.id, stale.sessionId!))
    expect(locked.unlocks).toEqual({})
    expect(canRead({ ...stale, session: locked }, 'confidential')).toBe(false)
    expect(canRead({ ...stale, session: locked }, 'secret')).toBe(false)
  })

  it('"lock now" closes the windows of every session of the user, tells their open pages, and leaves other users alone', async () => {
    const user = await createUser()
    const other = await createUser()
    const soon = () => ({ '3': new Date(Date.now() + 600_000).toISOString(), '4': new Date(Date.now() + 300_000).toISOString() })
    const here = await sessionFor(user, { unlocks: soon() })
    const phone = await sessionFor(user, { unlocks: soon() })
    const stranger = await sessionFor(other, { unlocks: soon() })
    const stream = await memoryEventStream({ userId: user.id, signal: new AbortController().signal })
    const reader = new SseReader(stream)
    await reader.next()
    const strangerStream = await memoryEventStream({ userId: other.id, signal: new AbortController().signal })
    const strangerReader = new SseReader(strangerStream)
    await strangerReader.next()

    await lockNow(here, testInfo())
    const db = await getDb()
    const rowOf = async (id: string) => (await db.select().from(sessions).where(eq(sessions.id, id)))[0]
    for (const session of [here, phone]) {
      const row = await rowOf(session.sessionId!)
      expect(row.unlocks).toEqual({})
      for (const tier of ['confidential', 'secret', 'ultrasecret'] as const) expect(canRead({ ...session, session: row }, tier)).toBe(false)
    }
    expect(canRead({ ...stranger, session: await rowOf(stranger.sessionId!) }, 'secret')).toBe(true)

    const event = await reader.next()
    expect(event?.event).toBe('locked')
    expect(Date.parse(JSON.parse(event!.data!).at)).toBeGreaterThan(Date.now() - 60_000)
    await expect(strangerReader.next(500)).rejects.toThrow(/no server-sent event/)
    await stream.body?.cancel().catch(() => {})
    await strangerStream.body?.cancel().catch(() => {})
  })

  it('"lock now" needs a signed-in session, not an API token', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const r = await call(lock, 'POST', '/api/v1/lock', { token })
    expect(r.status).toBe(403)
    expect(r.json.error.code).toBe('forbidden:token')
  })
})

describe('signing in with a passkey', () => {
  it('refuses a challenge the server never gave (or already used), and logs it', async () => {
    const { verifyPasskeySignIn, signInOptions } = await import('@/lib/webauthn')
    await expect(verifyPasskeySignIn(fakeAssertion('never-issued'), testInfo('198.51.100.123'))).rejects.toMatchObject({ code: 'unauthorized:passkey' })
    const options = await signInOptions(testInfo('198.51.100.123'))
    expect(options.userVerification).toBe('required')
    expect(options.allowCredentials ?? []).toEqual([])
    // A real challenge with an unknown credential is refused too, and the challenge is spent.
    await expect(verifyPasskeySignIn(fakeAssertion(options.challenge), testInfo('198.51.100.123'))).rejects.toMatchObject({ code: 'unauthorized:passkey' })
    const failures = (await (await getDb()).select().from(accessLog)).filter((r) => r.action === 'login' && !r.success && r.ip === '198.51.100.123')
    expect(failures).toHaveLength(2)
  })
})
