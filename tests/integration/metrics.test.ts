// GET /api/metrics: only with the METRICS_TOKEN bearer, Prometheus text whose figures move
// with captures, searches and requests, and whose labels never carry ids or user words.
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { GET as metricsGet } from '@/app/api/metrics/route'
import { GET as memoryGet } from '@/app/api/v1/memories/[id]/route'
import { POST as capturePost } from '@/app/api/v1/memories/route'
import { POST as searchPost } from '@/app/api/v1/search/route'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call } from '../fixtures/http'
import { tokenFor } from '../fixtures/principal'
import { sampleSum as sample } from '@/scripts/bench/metrics'

setupTestDatabase()

const METRICS_TOKEN = 'scrape-secret-0123456789'
let token: string

beforeAll(async () => {
  token = await tokenFor(await createUser(), 'general')
})

afterEach(() => {
  delete process.env.METRICS_TOKEN
})

async function scrape() {
  process.env.METRICS_TOKEN = METRICS_TOKEN
  const res = await call(metricsGet, 'GET', '/api/metrics', { token: METRICS_TOKEN })
  expect(res.status).toBe(200)
  return res.text
}


describe('access', () => {
  it('is 404 when METRICS_TOKEN is not set, even with a bearer', async () => {
    const res = await call(metricsGet, 'GET', '/api/metrics', { token: 'anything' })
    expect(res.status).toBe(404)
    expect(res.json.error.code).toBe('not_found:route')
  })

  it('is 401 without a token or with a wrong one', async () => {
    process.env.METRICS_TOKEN = METRICS_TOKEN
    expect((await call(metricsGet, 'GET', '/api/metrics')).status).toBe(401)
    const wrong = await call(metricsGet, 'GET', '/api/metrics', { token: `${METRICS_TOKEN}x` })
    expect(wrong.status).toBe(401)
    expect(wrong.json.error.code).toBe('unauthorized:metrics')
    expect((await call(metricsGet, 'GET', '/api/metrics', { headers: { authorization: `Basic ${METRICS_TOKEN}` } })).status).toBe(401)
  })

  it('answers Prometheus text with process and database figures', async () => {
    process.env.METRICS_TOKEN = METRICS_TOKEN
    const res = await call(metricsGet, 'GET', '/api/metrics', { token: METRICS_TOKEN })
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(res.text).toContain('mnemo_process_resident_memory_bytes')
    expect(sample(res.text, 'mnemo_db_info', { engine: process.env.DATABASE_URL ? 'postgres' : 'pglite' })).toBe(1)
    expect(sample(res.text, 'mnemo_db_size_bytes')).toBeGreaterThan(1_000_000)
    expect(sample(res.text, 'mnemo_db_connections')).toBeGreaterThanOrEqual(1)
  })
})

describe('figures', () => {
  it('move after captures and searches, by source, tier, route template and status', async () => {
    const before = await scrape()
    const captured = await call(capturePost, 'POST', '/api/v1/memories', { token, body: { content: 'Walked the dog along the harbour at dawn', tier: 'general' } })
    expect(captured.status).toBe(201)
    await call(capturePost, 'POST', '/api/v1/memories', { token, body: { content: 'zebra-unicorn-mango sighting', tier: 'general', source: 'telegram' } })
    const searched = await call(searchPost, 'POST', '/api/v1/search', { token, body: { query: 'harbour dog' } })
    expect(searched.status).toBe(200)
    const id = captured.json.memory?.id ?? captured.json.id
    expect((await call(memoryGet, 'GET', `/api/v1/memories/${id}`, { token, params: { id } })).status).toBe(200)
    const missing = '00000000-0000-4000-8000-000000000000'
    expect((await call(memoryGet, 'GET', `/api/v1/memories/${missing}`, { token, params: { id: missing } })).status).toBe(404)
    const after = await scrape()

    expect(sample(after, 'mnemo_captures_total', { source: 'api', tier: 'general' }) - sample(before, 'mnemo_captures_total', { source: 'api', tier: 'general' })).toBe(1)
    expect(sample(after, 'mnemo_captures_total', { source: 'telegram', tier: 'general' }) - sample(before, 'mnemo_captures_total', { source: 'telegram', tier: 'general' })).toBe(1)
    expect(sample(after, 'mnemo_search_duration_seconds_count') - sample(before, 'mnemo_search_duration_seconds_count')).toBe(1)
    expect(sample(after, 'mnemo_classification_duration_seconds_count') - sample(before, 'mnemo_classification_duration_seconds_count')).toBe(2)
    const route = (r: string, status: string) => ({ route: r, status })
    expect(sample(after, 'mnemo_http_request_duration_seconds_count', route('/api/v1/memories', '201'))).toBeGreaterThanOrEqual(2)
    expect(sample(after, 'mnemo_http_request_duration_seconds_count', route('/api/v1/memories/[id]', '200'))).toBe(1)
    expect(sample(after, 'mnemo_http_request_duration_seconds_count', route('/api/v1/memories/[id]', '404'))).toBe(1)
    expect(sample(after, 'mnemo_http_request_duration_seconds_count', route('/api/metrics', '200'))).toBeGreaterThanOrEqual(1)

    // Label hygiene: no id, no word a user typed, no phone number in any label value.
    const labelValues = [...after.matchAll(/="([^"]*)"/g)].map((m) => m[1])
    for (const value of labelValues) {
      expect(value).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i)
      expect(value).not.toMatch(/harbour|zebra|dog|\+1415/i)
    }
  })
})
