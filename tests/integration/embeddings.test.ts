import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { memories } from '@/db/schema'
import { embedText, LOCAL_EMBEDDING_MODEL_ID } from '@/lib/embeddings'
import { countStaleEmbeddings, reembedMemories } from '@/lib/embeddings/reembed'
import { captureMemory, updateMemory } from '@/lib/memories'
import { embeddingColumns } from '@/lib/memories/sealed'
import { updateMemoryEmbeddingById } from '@/db/queries/memories'
import { search } from '@/lib/search'
import { createUser } from '../fixtures/accounts'
import { startFakeOpenAi } from '../fixtures/ai'
import { setupTestDatabase } from '../fixtures/db'
import { sessionFor } from '../fixtures/principal'

setupTestDatabase()

afterEach(() => {
  delete process.env.OPENAI_BASE_URL
})

describe('embeddings', () => {
  it('are 384-dimensional, local by default', async () => {
    const e = await embedText('my vehicle broke down')
    expect(e.model).toBe(LOCAL_EMBEDDING_MODEL_ID)
    expect(e.vector).toHaveLength(384)
    expect(Math.hypot(...e.vector)).toBeCloseTo(1, 4)
  })

  it('tell related notes from unrelated ones across the meaning threshold (local model)', async () => {
    const { cosineSimilarity } = await import('@/lib/embeddings')
    const { SEMANTIC_MIN } = await import('@/lib/search/signals')
    const similarity = async (a: string, b: string) => cosineSimilarity((await embedText(a)).vector, (await embedText(b)).vector)
    for (const [query, note] of [
      ['car trouble', 'My vehicle broke down on the highway again'],
      ['feeling sick', 'I have a terrible flu and stayed in bed'],
      ['dinner', 'We ate pasta at the Italian place tonight'],
      ['job interview', 'I met the hiring manager at the office today'],
    ]) {
      expect(await similarity(query, note), `${query} / ${note}`).toBeGreaterThanOrEqual(SEMANTIC_MIN)
    }
    for (const [query, note] of [
      ['car trouble', 'Called my mother about the summer plans'],
      ['car trouble', 'Worried about the hospital bill for my knee surgery'],
      ['feeling sick', 'Bought new running shoes for the marathon'],
      ['dinner', 'The locker code at the hospital gym is 7731'],
      ['job interview', 'The garden needs new tulip bulbs'],
    ]) {
      expect(await similarity(query, note), `${query} / ${note}`).toBeLessThan(SEMANTIC_MIN)
    }
  })

  it('come from text-embedding-3-small at 384 dimensions when a remote is configured', async () => {
    const server = await startFakeOpenAi(() => '{}')
    try {
      process.env.OPENAI_BASE_URL = server.url
      const e = await embedText('dinner with mom')
      expect(e.model).toBe('openai:text-embedding-3-small')
      expect(e.vector).toHaveLength(384)
      const request = server.requests.find((r) => r.path.endsWith('/embeddings'))!
      expect(request.body).toMatchObject({ model: 'text-embedding-3-small', dimensions: 384 })
    } finally {
      await server.close()
    }
  })

  it('fall back to the local model when the remote answers the wrong size', async () => {
    const server = await startFakeOpenAi(() => '{}', () => [0.1, 0.2])
    try {
      process.env.OPENAI_BASE_URL = server.url
      const warn = console.warn
      console.warn = () => {}
      const e = await embedText('dinner with mom')
      console.warn = warn
      expect(e.model).toBe(LOCAL_EMBEDDING_MODEL_ID)
    } finally {
      await server.close()
    }
  })
})

describe('re-embedding after a model change', () => {
  it('embeds stale rows again in resumable batches, protected ones sealed', async () => {
    const user = await createUser()
    const far = new Date(Date.now() + 600_000).toISOString()
    const session = await sessionFor(user, { unlocks: { '3': far } })
    await captureMemory(session, { content: 'my vehicle broke down near the bridge', tier: 'general' })
    await captureMemory(session, { content: 'the garage door code is 7731 for the vehicle', tier: 'secret' })
    await captureMemory(session, { content: 'planted tulips in the garden', tier: 'general' })
    const db = await getDb()
    await db.update(memories).set({ embedding: null, embeddingEnc: null, embeddingModel: 'old:model' }).where(eq(memories.userId, user.id))
    expect(await countStaleEmbeddings()).toBe(3)

    const first = await reembedMemories({ batchSize: 1, maxBatches: 1 })
    expect(first).toEqual({ updated: 1, batches: 1, remaining: 2 })
    const rest = await reembedMemories({ batchSize: 1 })
    expect(rest.updated).toBe(2)
    expect(rest.remaining).toBe(0)

    const rows = await db.select().from(memories).where(eq(memories.userId, user.id))
    expect(rows.every((r) => r.embeddingModel === LOCAL_EMBEDDING_MODEL_ID)).toBe(true)
    expect(rows.filter((r) => r.tier === 'general').every((r) => r.embedding?.length === 384 && !r.embeddingEnc)).toBe(true)
    const secret = rows.find((r) => r.tier === 'secret')!
    expect(secret.embedding).toBeNull()
    expect(secret.embeddingEnc).not.toBeNull()
    const { items } = await search(session, { query: 'car trouble', limit: 5, offset: 0 })
    expect(items.map((h) => h.memory.content)).toContain('my vehicle broke down near the bridge')
  })

  it('does not write a re-embedding read before the memory moved to a protected tier', async () => {
    const user = await createUser()
    const session = await sessionFor(user, { unlocks: { '3': new Date(Date.now() + 600_000).toISOString() } })
    const { memory } = await captureMemory(session, { content: 'the spare key hides under the blue pot', tier: 'general' })
    const db = await getDb()
    await db.update(memories).set({ embeddingModel: 'old:model' }).where(eq(memories.id, memory.id))
    const [read] = await db.select().from(memories).where(eq(memories.id, memory.id))
    // The re-embedding of the general memory is computed; meanwhile the person moves it to secret.
    const plain = await embeddingColumns(db, { userId: user.id, memoryId: memory.id, tier: 'general' }, await embedText(read.content!))
    await db.update(memories).set({ embeddingModel: 'old:model' }).where(eq(memories.id, memory.id))
    await updateMemory(session, memory.id, { tier: 'secret' })
    await db.update(memories).set({ embeddingModel: 'old:model' }).where(eq(memories.id, memory.id))
    expect(await updateMemoryEmbeddingById(db, { id: memory.id, model: LOCAL_EMBEDDING_MODEL_ID, values: plain, readAt: read.updatedAt })).toBe(false)
    const [after] = await db.select().from(memories).where(eq(memories.id, memory.id))
    expect(after.tier).toBe('secret')
    expect(after.embedding).toBeNull()
  })
})
