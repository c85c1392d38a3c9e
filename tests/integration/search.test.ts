import { beforeAll, describe, expect, it } from 'vitest'
import { POST as searchRoute } from '@/app/api/v1/search/route'
import { installDatabase, openDatabase } from '@/db'
import type { User } from '@/db/schema'
import type { Principal } from '@/lib/auth/principal'
import { captureMemory } from '@/lib/memories'
import { search } from '@/lib/search'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call } from '../fixtures/http'
import { sessionFor, tokenFor } from '../fixtures/principal'

const database = setupTestDatabase()

let alice: User
let bob: User
let aliceSession: Principal
let token: string
const contents = (hits: { memory: { content: string } }[]) => hits.map((h) => h.memory.content)

beforeAll(async () => {
  alice = await createUser()
  bob = await createUser()
  const far = new Date(Date.now() + 3_600_000).toISOString()
  aliceSession = await sessionFor(alice, { unlocks: { '3': far, '4': far } })
  token = await tokenFor(alice, 'general')
  const notes: [string, string?, string?][] = [
    ['Visited grandma at the hospital after her fall', 'chronological', '2026-02-10T10:00:00Z'],
    ['Called my mother about the summer plans', 'chronological', '2026-03-01T10:00:00Z'],
    ['My vehicle broke down on the highway again', 'chronological', '2026-03-05T10:00:00Z'],
    ['I prefer aisle seats on long flights', 'general'],
    ['The garden needs new tulip bulbs', 'general'],
    ['Bought new running shoes for the marathon', 'general'],
    ['Worried about the hospital bill for my knee surgery', 'confidential'],
    ['The locker code at the hospital gym is 7731', 'secret'],
    ['Backup phrase for the hospital wallet: orbit tundra', 'ultrasecret'],
  ]
  for (const [content, tier, occurred_at] of notes) {
    await captureMemory(aliceSession, { content, tier: tier as never, occurred_at })
  }
  for (let i = 0; i < 25; i++) await captureMemory(aliceSession, { content: `garden journal entry ${i}: watered the tomatoes`, tier: 'general' })
  await captureMemory(await sessionFor(bob), { content: 'Bob went to the hospital for a checkup', tier: 'chronological' })
})

describe('hybrid search over tier 1', () => {
  it('tolerates typos ("hospitl" finds "hospital")', async () => {
    const { items } = await search(aliceSession, { query: 'hospitl', tiers: ['chronological', 'general'], limit: 10, offset: 0 })
    expect(contents(items)).toContain('Visited grandma at the hospital after her fall')
    expect(items.find((h) => h.memory.content.startsWith('Visited'))!.matched_by).toContain('fuzzy')
  })

  it('expands synonyms ("mom" finds "mother")', async () => {
    const { items } = await search(aliceSession, { query: 'mom', tiers: ['chronological', 'general'], limit: 10, offset: 0 })
    expect(contents(items)[0]).toBe('Called my mother about the summer plans')
    expect(items[0].matched_by).toContain('fts')
    expect(items[0].highlights[0]).toBe('Called my <mark>mother</mark> about the summer plans')
  })

  it('shows a short memory whole in its highlight, the words before the match too', async () => {
    const { items } = await search(aliceSession, { query: 'tulip', tiers: ['general'], limit: 5, offset: 0 })
    expect(items[0].highlights[0]).toBe('The garden needs new <mark>tulip</mark> bulbs')
  })

  it('finds meaning beyond shared words ("car trouble" finds "my vehicle broke down")', async () => {
    const { items } = await search(aliceSession, { query: 'car trouble', tiers: ['chronological', 'general'], limit: 5, offset: 0 })
    expect(contents(items)).toContain('My vehicle broke down on the highway again')
    // {car, vehicle} is a synonym group, so the words explain this hit; meaning is said only when no word matched.
    expect(items.find((h) => h.memory.content.includes('vehicle'))!.matched_by).toEqual(['fts'])
    const { items: loose } = await search(aliceSession, { query: 'car trouble', tiers: ['chronological', 'general'], limit: 5, offset: 0, signals: ['semantic'] })
    expect(loose.find((h) => h.memory.content.includes('vehicle'))!.matched_by).toEqual(['semantic'])
  })

  it('supports phrases and exclusions', async () => {
    const phrase = await search(aliceSession, { query: '"aisle seats"', tiers: ['general'], limit: 5, offset: 0 })
    expect(contents(phrase.items)[0]).toBe('I prefer aisle seats on long flights')
    const excluded = await search(aliceSession, { query: 'hospital -grandma', tiers: ['chronological', 'general'], limit: 10, offset: 0 })
    expect(contents(excluded.items)).not.toContain('Visited grandma at the hospital after her fall')
  })

  it('filters by tier, date range, tag and source', async () => {
    const general = await search(aliceSession, { query: 'hospital', tiers: ['general'], limit: 10, offset: 0 })
    expect(general.items.every((h) => h.memory.tier === 'general')).toBe(true)
    const march = await search(aliceSession, { query: 'mother vehicle hospital', tiers: ['chronological'], from: '2026-03-01', to: '2026-03-31', limit: 10, offset: 0 })
    expect(contents(march.items).sort()).toEqual(['Called my mother about the summer plans', 'My vehicle broke down on the highway again'])
    const tagged = await search(aliceSession, { query: 'hospital', tags: ['family'], tiers: ['chronological', 'general'], limit: 10, offset: 0 })
    expect(contents(tagged.items)).toEqual(['Visited grandma at the hospital after her fall'])
    const fromTelegram = await search(aliceSession, { query: 'hospital', source: 'telegram', limit: 10, offset: 0 })
    expect(fromTelegram.items).toEqual([])
  })

  it('pages stably through many results', async () => {
    const all = await search(aliceSession, { query: 'garden tomatoes', tiers: ['general'], limit: 100, offset: 0 })
    expect(all.items.length).toBeGreaterThanOrEqual(25)
    const pages = []
    for (let offset = 0; offset < all.items.length; offset += 10) {
      pages.push(...(await search(aliceSession, { query: 'garden tomatoes', tiers: ['general'], limit: 10, offset })).items.map((h) => h.memory.id))
    }
    expect(pages).toEqual(all.items.map((h) => h.memory.id))
    expect(new Set(pages).size).toBe(pages.length)
  })
})

describe('protected tiers in search', () => {
  it('never appear, nor are hinted at, while locked', async () => {
    const locked = await sessionFor(alice, { freshLogin: false })
    const { items } = await search(locked, { query: 'hospital', limit: 50, offset: 0 })
    expect(items.every((h) => h.memory.tier === 'chronological' || h.memory.tier === 'general')).toBe(true)
    const viaApi = await call(searchRoute, 'POST', '/api/v1/search', { token, body: { query: 'hospital locker code wallet' } })
    expect(viaApi.status).toBe(200)
    expect(JSON.stringify(viaApi.json)).not.toMatch(/locker|wallet|knee/)
    // Server-Timing says how long each tier-1 signal took, and nothing of the locked tiers.
    const timing = viaApi.headers.get('server-timing') ?? ''
    expect(timing).toMatch(/\bwords;dur=[\d.]+/)
    expect(timing).toMatch(/\bmeaning;dur=[\d.]+/)
    expect(timing).toMatch(/\btotal;dur=[\d.]+/)
    expect(timing).not.toMatch(/protected/)
  })

  it('appear, decrypted and ranked, once unlocked (tiers 2–4)', async () => {
    const { items } = await search(aliceSession, { query: 'hospital', limit: 50, offset: 0 })
    const tiers = new Set(items.map((h) => h.memory.tier))
    expect(tiers).toEqual(new Set(['chronological', 'confidential', 'secret', 'ultrasecret']))
    const typo = await search(aliceSession, { query: 'hospitl lockr', tiers: ['secret'], limit: 5, offset: 0 })
    expect(contents(typo.items)).toEqual(['The locker code at the hospital gym is 7731'])
  })

  it('finish when more searches run at once than the pool has connections', async () => {
    // On PostgreSQL a search holds one connection while it waits for the other signals'
    // transactions; with a pool of two, twelve searches at once must still all finish.
    const previous = process.env.DATABASE_POOL_SIZE
    process.env.DATABASE_POOL_SIZE = '2'
    const small = database.url ? await openDatabase({ url: database.url }) : null
    if (previous === undefined) delete process.env.DATABASE_POOL_SIZE
    else process.env.DATABASE_POOL_SIZE = previous
    if (small) installDatabase(small)
    try {
      const queries = ['hospital', 'garden tomatoes', 'car trouble', 'hospitl lockr']
      const runs = await Promise.all(Array.from({ length: 12 }, (_, i) => search(aliceSession, { query: queries[i % 4], limit: 10, offset: 0 })))
      expect(contents(runs[0].items)).toEqual(expect.arrayContaining(['Visited grandma at the hospital after her fall', 'The locker code at the hospital gym is 7731']))
      expect(runs[1].items).toHaveLength(10)
      expect(contents(runs[2].items)).toContain('My vehicle broke down on the highway again')
      expect(contents(runs[3].items)).toContain('The locker code at the hospital gym is 7731')
      for (let i = 4; i < 12; i++) expect(runs[i].items.map((h) => h.memory.id)).toEqual(runs[i % 4].items.map((h) => h.memory.id))
    } finally {
      if (small) {
        installDatabase(database.handle)
        await small.close()
      }
    }
  })

  it("never return another user's memories", async () => {
    const { items } = await search(aliceSession, { query: 'checkup hospital bob', limit: 50, offset: 0 })
    expect(contents(items)).not.toContain('Bob went to the hospital for a checkup')
    const bobs = await search(await sessionFor(bob), { query: 'hospital', limit: 50, offset: 0 })
    expect(contents(bobs.items)).toEqual(['Bob went to the hospital for a checkup'])
  })
})

describe('POST /api/v1/search bad input', () => {
  it.each([
    ['an empty query', { query: '  ' }],
    ['501 characters', { query: 'a'.repeat(501) }],
    ['an unknown tier', { query: 'x', tiers: ['topsecret'] }],
    ['a range that ends before it starts', { query: 'x', from: '2026-05-02', to: '2026-05-01' }],
    ['limit 0', { query: 'x', limit: 0 }],
  ])('answers 400 for %s', async (_label, body) => {
    const r = await call(searchRoute, 'POST', '/', { token, body })
    expect(r.status).toBe(400)
    expect(r.json.error.code).toBe('bad_request:search')
  })

  it.each([['only stop words', 'the and of'], ['only punctuation', '?!.,;'], ['a lone dash', '-'], ['SQL', "'; drop table memories; --"], ['unbalanced quotes', '"hospital'], ['tsquery syntax', 'a & | ! <-> (']])(
    'answers 200 for %s, never a syntax error',
    async (_label, query) => {
      const r = await call(searchRoute, 'POST', '/', { token, body: { query } })
      expect(r.status).toBe(200)
      expect(Array.isArray(r.json.items)).toBe(true)
    },
  )

  it.each([['the and of'], ['what did I do'], ['"the" -with']])('answers an empty result for only stop words (%s), not memories near them in meaning', async (query) => {
    const r = await call(searchRoute, 'POST', '/', { token, body: { query } })
    expect(r.status).toBe(200)
    expect(r.json.items).toEqual([])
    const unlocked = await search(aliceSession, { query, limit: 10, offset: 0 })
    expect(unlocked.items).toEqual([])
  })

  it('answers an empty result for an unknown tag', async () => {
    const r = await call(searchRoute, 'POST', '/', { token, body: { query: 'hospital', tags: ['no-such-tag'] } })
    expect(r.json.items).toEqual([])
  })
})

describe('the typo vocabulary', () => {
  it('holds only tier-1 words, and loses a memory\'s words when it moves into a protected tier', async () => {
    const { getDb } = await import('@/db')
    const { memoryTerms } = await import('@/db/schema')
    const { updateMemory } = await import('@/lib/memories')
    const user = await createUser()
    const session = await sessionFor(user)
    await captureMemory(session, { content: 'quokkas everywhere on the island', tier: 'general' })
    await captureMemory(session, { content: 'the zebracorn sticker on my locker', tier: 'confidential' })
    const terms = async () => (await (await getDb()).select().from(memoryTerms)).filter((t) => t.userId === user.id).map((t) => t.term)
    expect(await terms()).toContain('quokkas')
    expect(await terms()).not.toContain('zebracorn')
    const { memory } = await captureMemory(session, { content: 'flamingo parade downtown', tier: 'general' })
    const found = await search(session, { query: 'flamngo', tiers: ['general'], limit: 5, offset: 0 })
    expect(contents(found.items)).toEqual(['flamingo parade downtown'])
    await updateMemory(session, memory.id, { tier: 'secret' })
    expect(await terms()).not.toContain('flamingo')
  })
})

describe('ranking by rarity', () => {
  it('puts a memory holding the rare query word above many holding only a common one', async () => {
    const user = await createUser()
    const session = await sessionFor(user)
    await captureMemory(session, { content: 'a zeppelin drifted over the stadium', tier: 'general' })
    for (let i = 0; i < 12; i++) await captureMemory(session, { content: `evening walk number ${i} along the river`, tier: 'general' })
    const { items } = await search(session, { query: 'walk zeppelin', limit: 5, offset: 0, signals: ['fts'] })
    expect(contents(items)[0]).toBe('a zeppelin drifted over the stadium')
    expect(items).toHaveLength(5)
  })

  it('keeps the count of tier-1 memories it weighs words with up to date', async () => {
    const { getDb } = await import('@/db')
    const { memoryTerms } = await import('@/db/schema')
    const { DOCUMENTS_TERM } = await import('@/db/queries/memory-terms')
    const { deleteMemory, updateMemory } = await import('@/lib/memories')
    const user = await createUser()
    const session = await sessionFor(user)
    const documents = async () =>
      (await (await getDb()).select().from(memoryTerms)).find((t) => t.userId === user.id && t.term === DOCUMENTS_TERM)?.count ?? 0
    const first = (await captureMemory(session, { content: 'first note about kites', tier: 'general' })).memory
    const second = (await captureMemory(session, { content: 'second note about kites', tier: 'chronological' })).memory
    await captureMemory(session, { content: 'a private note about kites', tier: 'confidential' })
    expect(await documents()).toBe(2)
    await deleteMemory(session, first.id)
    expect(await documents()).toBe(1)
    await updateMemory(session, second.id, { tier: 'secret' })
    expect(await documents()).toBe(0)
  })
})

describe('highlights', () => {
  it('mark the words full text matched, by stem, and a typo’s correction', async () => {
    const { items } = await search(aliceSession, { query: 'planning', tiers: ['chronological'], limit: 5, offset: 0 })
    expect(items[0].highlights[0]).toBe('Called my mother about the summer <mark>plans</mark>')
    const typo = await search(aliceSession, { query: 'hospitl', tiers: ['chronological'], limit: 5, offset: 0 })
    expect(typo.items[0].highlights[0]).toBe('Visited grandma at the <mark>hospital</mark> after her fall')
    // A decrypted memory found by the same typo marks its correction too.
    const secret = await search(aliceSession, { query: 'hospitl', tiers: ['confidential'], limit: 5, offset: 0 })
    expect(secret.items[0].highlights[0]).toBe('Worried about the <mark>hospital</mark> bill for my knee surgery')
  })

  it('mark the matches and escape everything else', async () => {
    const user = await createUser()
    const session = await sessionFor(user)
    await captureMemory(session, { content: 'note about <script>alert(1)</script> and the tulips', tier: 'general' })
    const { items } = await search(session, { query: 'tulips', limit: 5, offset: 0 })
    expect(items[0].highlights[0]).toContain('<mark>tulips</mark>')
    // Postgres drops the tag; the in-memory highlighter (protected tiers) escapes it.
    expect(items[0].highlights[0]).not.toMatch(/<script|<\/script/)
    const { highlight } = await import('@/lib/search/text')
    const { parseQuery } = await import('@/lib/search/query')
    expect(highlight('note about <script>alert(1)</script> and the tulips', parseQuery('tulips'))).toBe(
      'note about &lt;script&gt;alert(1)&lt;/script&gt; and the <mark>tulips</mark>',
    )
  })
})

describe('protected tiers, read batch by batch', () => {
  it('score every unlocked memory, however many batches they take, and rank them the same', async () => {
    const { withUser } = await import('@/db/with-user')
    const { protectedLegs } = await import('@/lib/search/protected')
    const { searchFilters } = await import('@/lib/search')
    const { parseQuery } = await import('@/lib/search/query')
    const { embedText } = await import('@/lib/embeddings')
    const carol = await createUser()
    const session = await sessionFor(carol, { unlocks: { '3': new Date(Date.now() + 3_600_000).toISOString() } })
    // The oldest is the one the words find: read last, in the last batch.
    await captureMemory(session, { content: 'The lighthouse keeper lent me his spare key', tier: 'secret' })
    for (let i = 0; i < 8; i++) await captureMemory(session, { content: `private note ${i} about the quarterly salary review`, tier: 'confidential' })
    await captureMemory(session, { content: 'A lighthouse postcard from my aunt', tier: 'confidential' })
    const q = parseQuery('lighthouse key')
    const embedding = await embedText(q.text)
    const legs = (batch: number) =>
      withUser(carol.id, (tx) => protectedLegs(tx, searchFilters(carol.id, {}, ['confidential', 'secret']), q, embedding, { batch }))
    const whole = await legs(500)
    const inBatches = await legs(2)
    expect([...inBatches.candidates.values()]).toEqual([...whole.candidates.values()])
    const found = (hits: typeof whole) => [...hits.candidates.keys()].filter((id) => hits.candidates.get(id)!.ranks.fts).map((id) => hits.bodies.get(id)!.content)
    expect(found(inBatches)).toEqual(['The lighthouse keeper lent me his spare key', 'A lighthouse postcard from my aunt'])
    // Only the listed memories are kept decrypted, not every one that was read.
    expect(new Set(inBatches.bodies.keys())).toEqual(new Set(inBatches.candidates.keys()))
    const { items } = await search(session, { query: 'lighthouse key', tiers: ['secret'], limit: 5, offset: 0 })
    expect(contents(items)).toEqual(['The lighthouse keeper lent me his spare key'])
  })
})
