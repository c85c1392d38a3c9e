import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb, rowsOf } from '@/db'
import { POST as register } from '@/app/api/v1/auth/register/route'
import { setupTestDatabase } from '../fixtures/db'
import { call, phone, STRONG_PASSWORD } from '../fixtures/http'

setupTestDatabase()

describe('POST /api/v1/auth/register', () => {
  it('stores the phone in E.164 and makes the first account admin, later ones users', async () => {
    const first = await call(register, 'POST', '/api/v1/auth/register', {
      body: { phone: '+1 415 555 2671', password: STRONG_PASSWORD, name: 'Ada', email: 'Ada@Example.com', timezone: 'Europe/Paris' },
    })
    expect(first.status).toBe(201)
    expect(first.json).toMatchObject({ phone: '+14155552671', email: 'ada@example.com', name: 'Ada', timezone: 'Europe/Paris', role: 'admin' })
    expect(first.json).not.toHaveProperty('password_hash')
    expect(first.json).not.toHaveProperty('passwordHash')

    const second = await call(register, 'POST', '/api/v1/auth/register', { body: { phone: phone(1), password: STRONG_PASSWORD } })
    expect(second.status).toBe(201)
    expect(second.json).toMatchObject({ role: 'user', timezone: 'UTC', email: null })
  })

  it('hashes passwords with argon2id', async () => {
    const rows = rowsOf<{ password_hash: string }>(await (await getDb()).execute(sql`select password_hash from users limit 1`))
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/)
  })

  it('answers 409 naming the field for a duplicate phone, or an email in another case', async () => {
    const phoneTaken = await call(register, 'POST', '/', { body: { phone: '+14155552671', password: STRONG_PASSWORD } })
    expect(phoneTaken.status).toBe(409)
    expect(phoneTaken.json.error).toMatchObject({ code: 'conflict:phone', field: 'phone' })

    const emailTaken = await call(register, 'POST', '/', { body: { phone: phone(2), password: STRONG_PASSWORD, email: 'ADA@example.COM' } })
    expect(emailTaken.status).toBe(409)
    expect(emailTaken.json.error).toMatchObject({ code: 'conflict:email', field: 'email' })
  })

  it.each([
    ['a malformed phone', { phone: '555-1234', password: STRONG_PASSWORD }, 'phone'],
    ['a phone that is not a real number', { phone: '+1 555 000 0000', password: STRONG_PASSWORD }, 'phone'],
    ['a short password', { phone: phone(3), password: 'a1b2c3' }, 'password'],
    ['a common password', { phone: phone(3), password: 'password123' }, 'password'],
    ['an invalid email', { phone: phone(3), password: STRONG_PASSWORD, email: 'not-an-email' }, 'email'],
    ['an oversize name', { phone: phone(3), password: STRONG_PASSWORD, name: 'x'.repeat(256) }, 'name'],
    ['an unknown time zone', { phone: phone(3), password: STRONG_PASSWORD, timezone: 'Mars/Olympus' }, 'timezone'],
    ['an unknown field', { phone: phone(3), password: STRONG_PASSWORD, role: 'admin' }, 'role'],
    ['a missing phone', { password: STRONG_PASSWORD }, 'phone'],
  ])('answers 400 with field errors for %s', async (_label, body, field) => {
    const response = await call(register, 'POST', '/', { body })
    expect(response.status).toBe(400)
    expect(response.json.error.code).toBe('bad_request:register')
    expect(Object.keys(response.json.error.fields)).toContain(field)
  })

  it('answers 400, not 500, for a missing body, malformed JSON and the wrong content type', async () => {
    const empty = await call(register, 'POST', '/', { raw: '' })
    expect(empty.status).toBe(400)
    const malformed = await call(register, 'POST', '/', { raw: '{"phone": "+1415' })
    expect(malformed.status).toBe(400)
    expect(malformed.json.error.message).toMatch(/not valid JSON/)
    const form = await call(register, 'POST', '/', { raw: 'phone=1', contentType: 'application/x-www-form-urlencoded' })
    expect(form.status).toBe(400)
    expect(form.json.error.message).toMatch(/Content-Type: application\/json/)
    const array = await call(register, 'POST', '/', { body: [1, 2] })
    expect(array.status).toBe(400)
  })

  it('answers 413 for a body over the JSON limit (128 KiB)', async () => {
    const response = await call(register, 'POST', '/', { body: { phone: phone(4), password: STRONG_PASSWORD, name: 'x'.repeat(140_000) } })
    expect(response.status).toBe(413)
  })

  it('stores SQL and script in a field as plain text', async () => {
    const name = `Robert'); DROP TABLE users;-- <script>alert(1)</script>`
    const response = await call(register, 'POST', '/', { body: { phone: phone(5), password: STRONG_PASSWORD, name } })
    expect(response.status).toBe(201)
    expect(response.json.name).toBe(name)
    const count = rowsOf<{ n: number }>(await (await getDb()).execute(sql`select count(*)::int as n from users`))
    expect(count[0].n).toBeGreaterThanOrEqual(3)
  })

  it('decides one admin even when the first two sign-ups race', async () => {
    await (await getDb()).execute(sql`delete from users`)
    const results = await Promise.all(
      [6, 7].map((n) => call(register, 'POST', '/', { ip: `192.0.2.${n}`, body: { phone: phone(n), password: STRONG_PASSWORD } })),
    )
    expect(results.map((r) => r.status)).toEqual([201, 201])
    expect(results.map((r) => r.json.role).sort()).toEqual(['admin', 'user'])
  })

  it('limits sign-ups per IP with 429 and Retry-After', async () => {
    process.env.MNEMO_REGISTER_MAX_PER_IP = '2'
    try {
      const ip = '203.0.113.99'
      const statuses: number[] = []
      for (const n of [10, 11, 12]) {
        const r = await call(register, 'POST', '/', { ip, body: { phone: phone(n), password: STRONG_PASSWORD } })
        statuses.push(r.status)
        if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0)
      }
      expect(statuses).toEqual([201, 201, 429])
    } finally {
      delete process.env.MNEMO_REGISTER_MAX_PER_IP
    }
  })

  it('does not count rejected forms toward the limit, counts taken numbers (enumeration), and says until when', async () => {
    process.env.MNEMO_REGISTER_MAX_PER_IP = '2'
    try {
      const ip = '203.0.113.77'
      for (let i = 0; i < 5; i++) {
        const bad = await call(register, 'POST', '/', { ip, body: { phone: '555-1234', password: 'a1b2' } })
        expect(bad.status).toBe(400)
      }
      expect((await call(register, 'POST', '/', { ip, body: { phone: phone(40), password: STRONG_PASSWORD } })).status).toBe(201)
      // Probing a number that is taken counts like a sign-up.
      expect((await call(register, 'POST', '/', { ip, body: { phone: phone(40), password: STRONG_PASSWORD } })).status).toBe(409)
      const refused = await call(register, 'POST', '/', { ip, body: { phone: phone(41), password: STRONG_PASSWORD, timezone: 'Europe/Paris' } })
      expect(refused.status).toBe(429)
      expect(refused.json.error.code).toBe('rate_limited:register')
      expect(refused.json.error.message).toMatch(/^Too many accounts were created from this network\. Try again after \d{1,2} \w{3} \d{4}, \d{2}:\d{2}\.$/)
    } finally {
      delete process.env.MNEMO_REGISTER_MAX_PER_IP
    }
  })

  it('names every field that is wrong at once', async () => {
    const r = await call(register, 'POST', '/', { body: { phone: '555-1234', password: 'a1b2', email: 'not-an-email', timezone: 'Mars/Olympus' } })
    expect(r.status).toBe(400)
    expect(Object.keys(r.json.error.fields).sort()).toEqual(['email', 'password', 'phone', 'timezone'])
  })
})
