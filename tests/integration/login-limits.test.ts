// Issue 21, item 2: sign-in failures count per account (whichever identifier names it) and per
// IP, not per identifier.
import { afterEach, describe, expect, it } from 'vitest'
import { POST as exchange } from '@/app/api/v1/auth/token/route'
import { verifyLogin } from '@/lib/auth/credentials'
import { lockedCode, lockedUntilMessage, parseSignInCode } from '@/lib/auth/sign-in-codes'
import { createUser, testInfo } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call, STRONG_PASSWORD } from '../fixtures/http'

setupTestDatabase()

afterEach(() => {
  delete process.env.MNEMO_LOGIN_MAX_ATTEMPTS_PER_IP
})

const attempt = (body: Record<string, string>, ip = '198.51.100.70') => call(exchange, 'POST', '/api/v1/auth/token', { ip, body })

describe('sign-in lockout', () => {
  it('locked through the phone, refuses the email with the right password: 429 rate_limited:login + Retry-After', async () => {
    const user = await createUser({ email: 'locked@example.com' })
    for (let i = 0; i < 5; i++) expect((await attempt({ phone: user.phone, password: `wrong-password-${i}x` }, `198.51.100.${80 + i}`)).status).toBe(401)
    const byEmail = await attempt({ email: 'locked@example.com', password: STRONG_PASSWORD }, '198.51.100.99')
    expect(byEmail.status).toBe(429)
    expect(byEmail.json.error.code).toBe('rate_limited:login')
    expect(Number(byEmail.headers.get('retry-after'))).toBeGreaterThan(800)
    // The Auth.js form sign-in uses the same check.
    await expect(verifyLogin({ identifier: 'LOCKED@example.com', password: STRONG_PASSWORD }, testInfo('198.51.100.98'))).rejects.toMatchObject({ code: 'rate_limited:login' })
  })

  it('gives the phone and the email one allowance between them', async () => {
    const user = await createUser({ email: 'shared@example.com' })
    for (let i = 0; i < 3; i++) expect((await attempt({ phone: user.phone, password: `wrong-password-${i}y` }, `198.51.101.${i}`)).status).toBe(401)
    for (let i = 0; i < 2; i++) expect((await attempt({ email: 'shared@example.com', password: `wrong-password-${i}z` }, `198.51.101.${10 + i}`)).status).toBe(401)
    expect((await attempt({ phone: user.phone, password: STRONG_PASSWORD }, '198.51.101.20')).status).toBe(429)
  })

  it('counts an identifier that names no account on its own, answering like a real one', async () => {
    const ghost = '+14155550977'
    const answers = []
    for (let i = 0; i < 6; i++) answers.push((await attempt({ phone: ghost, password: `wrong-password-${i}g` }, `198.51.102.${i}`)).status)
    expect(answers).toEqual([401, 401, 401, 401, 401, 429])
    const other = await createUser()
    expect((await attempt({ phone: other.phone, password: STRONG_PASSWORD }, '198.51.102.50')).status).toBe(200)
  })

  it('counts failures per IP across accounts', async () => {
    process.env.MNEMO_LOGIN_MAX_ATTEMPTS_PER_IP = '4'
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => createUser()))
    for (const u of users.slice(0, 4)) expect((await attempt({ phone: u.phone, password: 'wrong-password-ip1' }, '203.0.113.200')).status).toBe(401)
    const fifth = await attempt({ phone: users[4].phone, password: STRONG_PASSWORD }, '203.0.113.200')
    expect(fifth.status).toBe(429)
    expect((await attempt({ phone: users[4].phone, password: STRONG_PASSWORD }, '203.0.113.201')).status).toBe(200)
  })
})

describe('the locked-until code the sign-in page reads', () => {
  it('carries when the lockout ends, and ignores a forged far-off or past time', () => {
    const now = Date.UTC(2026, 11, 6, 13, 50)
    const code = lockedCode(900, now)
    expect(parseSignInCode(code, now)).toEqual({ kind: 'locked', lockedUntil: now + 900_000 })
    expect(lockedUntilMessage(now + 900_000, 'UTC')).toBe('This account is locked until 14:05 (after too many failed sign-ins).')
    expect(parseSignInCode('locked-99999999999', now)).toEqual({ kind: 'locked' })
    expect(parseSignInCode(`locked-${Math.floor(now / 1000) - 60}`, now)).toEqual({ kind: 'locked' })
    expect(parseSignInCode('locked', now)).toEqual({ kind: 'locked' })
    expect(parseSignInCode('<script>', now)).toEqual({ kind: 'invalid' })
  })
})
