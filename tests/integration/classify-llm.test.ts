import { afterEach, describe, expect, it } from 'vitest'
import { setModelForTests } from '@/lib/ai/providers'
import { classify } from '@/lib/classify'
import { mockModel, startFakeOpenAi } from '../fixtures/ai'

afterEach(() => {
  setModelForTests('classifier-model', undefined)
  delete process.env.OPENAI_BASE_URL
  delete process.env.OPENAI_API_KEY
  delete process.env.MNEMO_CLASSIFY_TIMEOUT_MS
})

const answer = (tier: string, confidence = 0.97) => JSON.stringify({ tier, confidence, reasoning: 'Looks like a personal health matter.', tags: ['Health'] })

describe('the LLM layer (ai/test mock models)', () => {
  it('decides when it answers within the schema, and says which model did', async () => {
    setModelForTests('classifier-model', mockModel({ text: answer('confidential') }))
    const c = await classify('my knee has been hurting since the fall', { allowRemote: true })
    expect(c).toMatchObject({ tier: 'confidential', model: 'mock:mock-classifier' })
    expect(c.reasoning).toMatch(/personal health matter/)
    expect(c.tags).toContain('health')
  })

  it('cannot pull a message below what a detector proved', async () => {
    setModelForTests('classifier-model', mockModel({ text: answer('general', 0.99) }))
    const c = await classify('card 4111 1111 1111 1111 exp 09/28')
    expect(c.tier).toBe('secret')
    expect(c.model).toBe('mock:mock-classifier')
  })

  it.each([
    ['garbage JSON', { text: 'the tier is probably secret?' }],
    ['an unknown tier', { text: answer('topsecret') }],
    ['a confidence out of range', { text: JSON.stringify({ tier: 'general', confidence: 7, reasoning: 'x', tags: [] }) }],
    ['an error', { error: new Error('connection reset') }],
  ])('falls back to the local model on %s', async (_label, behaviour) => {
    setModelForTests('classifier-model', mockModel(behaviour))
    const c = await classify('Yesterday I ran 5k along the river')
    expect(c.model).toBe('local:logreg-v2')
    expect(c.tier).toBe('chronological')
    expect(c.fallback_reason).toBeTruthy()
  })

  it('falls back when the model does not answer within the time budget', async () => {
    process.env.MNEMO_CLASSIFY_TIMEOUT_MS = '150'
    setModelForTests('classifier-model', mockModel({ text: answer('general'), delayMs: 5_000 }))
    const started = Date.now()
    const c = await classify('I prefer aisle seats on long flights')
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(c).toMatchObject({ model: 'local:logreg-v2', fallback_reason: 'the model did not answer in time' })
  })
})

describe('the LLM layer against an OpenAI-compatible server on loopback', () => {
  it('sends the note with a JSON schema and uses the structured answer', async () => {
    const server = await startFakeOpenAi(() => answer('secret', 0.95))
    try {
      process.env.OPENAI_BASE_URL = server.url
      const c = await classify('the alarm code for the studio is in my head, not here')
      expect(c.model).toBe('openai:gpt-4o-mini')
      expect(c.tier).toBe('secret')
      expect(server.requests).toHaveLength(1)
      const body = server.requests[0].body as { model: string; messages: { content: unknown }[]; response_format?: { type: string } }
      expect(server.requests[0].path).toBe('/v1/chat/completions')
      expect(body.model).toBe('gpt-4o-mini')
      expect(JSON.stringify(body.messages)).toContain('the alarm code for the studio')
      expect(body.response_format?.type).toMatch(/json/)
    } finally {
      await server.close()
    }
  })

  it('falls back to the local model when the server answers nonsense', async () => {
    const server = await startFakeOpenAi(() => 'I am not JSON')
    try {
      process.env.OPENAI_BASE_URL = server.url
      const c = await classify('dentist on Thursday at 3pm')
      expect(c.model).toBe('local:logreg-v2')
      expect(c.fallback_reason).toBeTruthy()
    } finally {
      await server.close()
    }
  })
})
