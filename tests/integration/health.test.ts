import { afterEach, describe, expect, it } from 'vitest'
import { closeDatabase } from '@/db'
import { GET } from '@/app/api/health/route'
import { setupTestDatabase } from '../fixtures/db'

setupTestDatabase()
const originalUrl = process.env.DATABASE_URL

afterEach(() => {
  if (originalUrl === undefined) delete process.env.DATABASE_URL
  else process.env.DATABASE_URL = originalUrl
})

describe('GET /api/health', () => {
  it('answers ok after a real round trip to the database', async () => {
    const response = await GET()
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok', db: 'ok', queue: 'ok', failed_jobs: 0, version: expect.any(String) })
  })

  it('answers 503 with a reason, and no connection string or stack, when the database is unreachable', async () => {
    await closeDatabase()
    process.env.DATABASE_URL = 'postgres://mnemo:hunter2@127.0.0.1:9/nowhere'
    const response = await GET()
    expect(response.status).toBe(503)
    const body = await response.json()
    expect(body).toMatchObject({ status: 'error', db: 'unreachable' })
    expect(body.reason).toMatch(/ECONNREFUSED|connect/i)
    expect(JSON.stringify(body)).not.toMatch(/hunter2|\n\s+at /)
    await closeDatabase()
  })

  it('answers 503 for a DATABASE_URL that is not a postgres URL', async () => {
    await closeDatabase()
    process.env.DATABASE_URL = 'mysql://localhost/x'
    const response = await GET()
    expect(response.status).toBe(503)
    expect((await response.json()).reason).toMatch(/must start with postgres/)
  })
})
