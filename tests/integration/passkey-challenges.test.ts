// Issue 21, item 7: anonymous passkey sign-in options are limited per IP, and expired
// challenges are purged as new ones are stored (no timer).
import { lt, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { POST as signInOptions } from '@/app/api/v1/auth/passkey/route'
import { getDb } from '@/db'
import { authChallenges } from '@/db/schema'
import { setupTestDatabase } from '../fixtures/db'
import { call } from '../fixtures/http'

setupTestDatabase()

afterEach(() => {
  delete process.env.MNEMO_PASSKEY_OPTIONS_MAX_PER_IP
})

describe('POST /api/v1/auth/passkey', () => {
  it('answers 429 rate_limited:passkey with Retry-After once an IP used its allowance, and stores nothing more', async () => {
    process.env.MNEMO_PASSKEY_OPTIONS_MAX_PER_IP = '5'
    const ask = (ip: string) => call(signInOptions, 'POST', '/api/v1/auth/passkey', { ip })
    for (let i = 0; i < 5; i++) expect((await ask('203.0.113.10')).status).toBe(200)
    const db = await getDb()
    const count = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(authChallenges))[0].n
    const before = await count()
    const refused = await ask('203.0.113.10')
    expect(refused.status).toBe(429)
    expect(refused.json.error.code).toBe('rate_limited:passkey')
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await count()).toBe(before)
    expect((await ask('203.0.113.11')).status).toBe(200)
  })

  it('purges expired challenges when it stores a new one', async () => {
    const db = await getDb()
    const expired = Array.from({ length: 30 }, (_, i) => ({ userId: null, challenge: `old-${i}`, purpose: 'signin', expiresAt: new Date(Date.now() - 60_000) }))
    await db.insert(authChallenges).values([...expired, { userId: null, challenge: 'still-fresh', purpose: 'signin', expiresAt: new Date(Date.now() + 60_000) }])
    const response = await call(signInOptions, 'POST', '/', { ip: '203.0.113.20' })
    expect(response.status).toBe(200)
    expect(await db.select().from(authChallenges).where(lt(authChallenges.expiresAt, new Date()))).toEqual([])
    const left = (await db.select().from(authChallenges)).map((r) => r.challenge)
    expect(left).toContain('still-fresh')
    expect(left).toContain(response.json.challenge)
  })
})
