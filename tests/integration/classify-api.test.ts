import { describe, expect, it } from 'vitest'
import { POST as classifyRoute } from '@/app/api/v1/classify/route'
import { POST as batchRoute } from '@/app/api/v1/classify/batch/route'
import { getDb } from '@/db'
import { memories } from '@/db/schema'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call } from '../fixtures/http'
import { tokenFor } from '../fixtures/principal'

setupTestDatabase()

describe('POST /api/v1/classify', () => {
  it('answers a classification and stores nothing', async () => {
    const token = await tokenFor(await createUser())
    const r = await call(classifyRoute, 'POST', '/api/v1/classify', { token, body: { content: 'my IBAN is GB82 WEST 1234 5698 7654 32' } })
    expect(r.status).toBe(200)
    expect(r.json).toMatchObject({ tier: 'secret', security_level: 3 })
    expect(r.json.detectors.map((d: { kind: string }) => d.kind)).toContain('iban')
    expect(JSON.stringify(r.json.detectors)).not.toContain('WEST 1234')
    expect(await (await getDb()).select().from(memories)).toEqual([])
  })

  it('refuses empty content and answers 401 without credentials', async () => {
    const token = await tokenFor(await createUser())
    expect((await call(classifyRoute, 'POST', '/', { token, body: { content: ' ' } })).status).toBe(400)
    expect((await call(classifyRoute, 'POST', '/', { body: { content: 'x' } })).status).toBe(401)
  })
})

describe('POST /api/v1/classify/batch', () => {
  it('classifies up to 100 items in order and reports a bad item in its place', async () => {
    const token = await tokenFor(await createUser())
    const items = [
      { content: 'Yesterday I ran 5k' },
      { content: '' },
      { content: 'my password for the router is Blue-Cactus-77' },
      { nope: true },
    ]
    const r = await call(batchRoute, 'POST', '/', { token, body: { items } })
    expect(r.status).toBe(200)
    expect(r.json.results).toHaveLength(4)
    expect(r.json.results[0].tier).toBe('chronological')
    expect(r.json.results[1].error.code).toBe('bad_request:classify')
    expect(r.json.results[2].tier).toBe('secret')
    expect(r.json.results[3].error.fields).toHaveProperty('nope')
  })

  it('refuses more than 100 items or none', async () => {
    const token = await tokenFor(await createUser())
    const many = Array.from({ length: 101 }, (_, i) => ({ content: `note ${i}` }))
    expect((await call(batchRoute, 'POST', '/', { token, body: { items: many } })).status).toBe(400)
    expect((await call(batchRoute, 'POST', '/', { token, body: { items: [] } })).status).toBe(400)
  })

  it('handles a full batch of 100', async () => {
    const token = await tokenFor(await createUser())
    const items = Array.from({ length: 100 }, (_, i) => ({ content: i % 2 ? `meeting with the team on day ${i}` : `I like green tea number ${i}` }))
    const r = await call(batchRoute, 'POST', '/', { token, body: { items } })
    expect(r.json.results).toHaveLength(100)
    expect(r.json.results.every((x: { tier?: string }) => typeof x.tier === 'string')).toBe(true)
  })
})
