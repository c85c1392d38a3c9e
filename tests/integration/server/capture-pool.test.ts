// A capture must not hold a database connection while a remote model thinks: with a model that
// takes 1.5 s and a pool of only 2 connections, 20 captures at once all succeed, and a search
// made while they all wait for the model answers at once. (Runs on a server, where a pool
// exists: vitest.config.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Principal } from '@/lib/auth/principal'
import { captureMemory } from '@/lib/memories'
import { search } from '@/lib/search'
import { createUser } from '../../fixtures/accounts'
import { startFakeOpenAi, type FakeOpenAi } from '../../fixtures/ai'
import { setupTestDatabase } from '../../fixtures/db'
import { sessionFor } from '../../fixtures/principal'

// Read when the test database's client opens (setupTestDatabase's beforeAll).
process.env.DATABASE_POOL_SIZE = '2'
setupTestDatabase()

let model: FakeOpenAi
let session: Principal
const chats = () => model.requests.filter((r) => r.path.endsWith('/chat/completions')).length

beforeAll(async () => {
  session = await sessionFor(await createUser())
  await captureMemory(session, { content: 'Dinner with mom at the harbour', tier: 'general' })
  const answer = JSON.stringify({ tier: 'general', confidence: 0.9, reasoning: 'An everyday note.', tags: ['home'] })
  model = await startFakeOpenAi(() => answer, undefined, { chatDelayMs: 1_500 })
  process.env.OPENAI_BASE_URL = model.url
  // Both connections have made the search's statements once (they are prepared per connection).
  for (let i = 0; i < 3; i++) await Promise.all([search(session, { query: 'dinner with mom', limit: 5, offset: 0 }), search(session, { query: 'harbour', limit: 5, offset: 0 })])
})

afterAll(async () => {
  delete process.env.OPENAI_BASE_URL
  delete process.env.DATABASE_POOL_SIZE
  await model.close()
})

describe('captures with a slow remote model on a pool of 2 connections', () => {
  it('all succeed, and a search made while they wait for the model answers in under 200 ms', async () => {
    const started = Date.now()
    const captures = Array.from({ length: 20 }, (_, n) => captureMemory(session, { content: `note number ${n} about the garden shed` }))
    // Every capture has asked the model and waits for it.
    while (chats() < 20 && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 20))
    expect(chats()).toBe(20)
    const searchStarted = performance.now()
    const { items } = await search(session, { query: 'dinner with mom', limit: 5, offset: 0 })
    const searchMs = performance.now() - searchStarted
    const results = await Promise.all(captures)

    expect(items[0].memory).toMatchObject({ content: 'Dinner with mom at the harbour' })
    expect(searchMs).toBeLessThan(200)
    expect(results.every((r) => r.created && r.classification?.model === 'openai:gpt-4o-mini')).toBe(true)
    expect(new Set(results.map((r) => r.memory.id)).size).toBe(20)
    // The model was asked by all at once: one after the other, 20 × 1.5 s would be 30 s.
    expect(Date.now() - started).toBeLessThan(15_000)
  })
})
