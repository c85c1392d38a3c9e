import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { GET as list, POST as capture } from '@/app/api/v1/memories/route'
import { DELETE as remove, GET as read, PATCH as patch } from '@/app/api/v1/memories/[id]/route'
import { POST as restore } from '@/app/api/v1/memories/[id]/restore/route'
import { POST as classifyRoute } from '@/app/api/v1/classify/route'
import { getDb, rowsOf } from '@/db'
import { accessLog, corrections, memories, users } from '@/db/schema'
import { captureMemory, getMemoryView, listMemories, purgeExpiredMemories, updateMemory } from '@/lib/memories'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call } from '../fixtures/http'
import { sessionFor, tokenFor } from '../fixtures/principal'

setupTestDatabase()

describe('POST /api/v1/memories', () => {
  it('classifies and stores a memory, answering 201 with the classification', async () => {
    const token = await tokenFor(await createUser())
    const r = await call(capture, 'POST', '/api/v1/memories', { token, body: { content: 'Yesterday I ran 5k along the river with Sam' } })
    expect(r.status).toBe(201)
    expect(r.json).toMatchObject({ tier: 'chronological', security_level: 1, source: 'api', content: 'Yesterday I ran 5k along the river with Sam' })
    expect(r.json.classification).toMatchObject({ tier: 'chronological', model: 'local:logreg-v2' })
    expect(r.json.classification.entities.times[0].direction).toBe('past')
    // The event happened yesterday, not when it was written down.
    expect(Date.parse(r.json.occurred_at)).toBeLessThan(Date.now() - 12 * 3_600_000)
  })

  it('stores a protected tier only as ciphertext, and the token sees it locked', async () => {
    const user = await createUser()
    const token = await tokenFor(user, 'general')
    const r = await call(capture, 'POST', '/', { token, body: { content: 'my card is 4111 1111 1111 1111 exp 04/29 zebracorn' } })
    expect(r.status).toBe(201)
    expect(r.json).toMatchObject({ tier: 'secret', locked: true })
    expect(r.json).not.toHaveProperty('content')
    const [row] = await (await getDb()).select().from(memories).where(eq(memories.id, r.json.id))
    expect(row.content).toBeNull()
    expect(row.tags).toEqual([])
    expect(row.reasoning).toBeNull()
    expect(Buffer.from(row.ciphertext!).includes(Buffer.from('zebracorn'))).toBe(false)
    const dump = rowsOf<{ t: string }>(await (await getDb()).execute(sql`select ${memories}::text as t from ${memories} where id = ${row.id}`))
    expect(dump[0].t).not.toContain('zebracorn')
  })

  it('honours an explicit tier and a #marker', async () => {
    const token = await tokenFor(await createUser(), 'confidential')
    const explicit = await call(capture, 'POST', '/', { token, body: { content: 'I prefer aisle seats', tier: 'confidential' } })
    expect(explicit.json).toMatchObject({ tier: 'confidential', model: 'user', confidence: 1 })
    const marked = await call(capture, 'POST', '/', { token, body: { content: 'lunch ideas for the week #ultrasecret' } })
    expect(marked.json).toMatchObject({ tier: 'ultrasecret', locked: true })
    expect(marked.json.classification.model).toBe('marker')
  })

  it("refuses a capture the offline outbox wrote in another account, and stores nothing", async () => {
    const writer = await createUser()
    const other = await createUser()
    const token = await tokenFor(other)
    const clientId = randomUUID()
    const body = { content: 'queued offline by someone else #ultrasecret', client_id: clientId }
    const refused = await call(capture, 'POST', '/', { token, body, headers: { 'x-mnemo-owner': writer.id } })
    expect(refused.status).toBe(409)
    expect(refused.json.error.code).toBe('conflict:owner')
    const stored = await (await getDb()).select().from(memories).where(eq(memories.clientId, clientId))
    expect(stored).toHaveLength(0)
    // Named as its own, the same capture is stored.
    const own = await call(capture, 'POST', '/', { token, body, headers: { 'x-mnemo-owner': other.id } })
    expect(own.status).toBe(201)
  })

  it('is idempotent on client_id, even when replays race', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const clientId = randomUUID()
    const body = { content: 'bought a new bike helmet', client_id: clientId }
    const results = await Promise.all(Array.from({ length: 5 }, () => call(capture, 'POST', '/', { token, body })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201])
    expect(new Set(results.map((r) => r.json.id)).size).toBe(1)
    const again = await call(capture, 'POST', '/', { token, body })
    expect(again.status).toBe(200)
    expect(again.json.id).toBe(results[0].json.id)
    const rows = await (await getDb()).select().from(memories).where(eq(memories.clientId, clientId))
    expect(rows).toHaveLength(1)
  })

  it("never answers with another user's memory for a client_id that user used", async () => {
    const [alice, mallory] = [await createUser(), await createUser()]
    const clientId = randomUUID()
    const first = await call(capture, 'POST', '/', { token: await tokenFor(alice), body: { content: 'the vet said Biscuit needs surgery', client_id: clientId } })
    expect(first.status).toBe(201)
    // Two replays at once with the same id from another account: each gets its own memory, never Alice's.
    const malloryToken = await tokenFor(mallory)
    const replays = await Promise.all([1, 2].map(() => call(capture, 'POST', '/', { token: malloryToken, body: { content: 'guessing', client_id: clientId } })))
    expect(replays.map((r) => r.status).sort()).toEqual([200, 201])
    expect(new Set(replays.map((r) => r.json.id)).size).toBe(1)
    expect(replays[0].json.id).not.toBe(first.json.id)
    expect(JSON.stringify(replays)).not.toContain('Biscuit')
    const rows = await (await getDb()).select().from(memories).where(eq(memories.clientId, clientId))
    expect(rows.map((r) => r.userId).sort()).toEqual([alice.id, mallory.id].sort())
  })

  it.each([
    ['empty content', { content: '' }, 400],
    ['whitespace only', { content: '   \n\t ' }, 400],
    ['an unknown tier', { content: 'x', tier: 'topsecret' }, 400],
    ['a client_id that is not a uuid', { content: 'x', client_id: '42' }, 400],
    ['a bad occurred_at', { content: 'x', occurred_at: 'last week' }, 400],
    ['an unknown source', { content: 'x', source: 'fax' }, 400],
    ['an unknown field', { content: 'x', mood: 'happy' }, 400],
    ['content over 10,000 characters', { content: 'a'.repeat(10_001) }, 413],
  ])('refuses %s', async (_label, body, status) => {
    const token = await tokenFor(await createUser())
    const r = await call(capture, 'POST', '/', { token, body })
    expect(r.status).toBe(status)
    expect(r.json.error.code).toMatch(status === 413 ? /^payload_too_large:/ : /^bad_request:memory$/)
  })

  it('stores emoji, right-to-left text and 10,000 characters of one word', async () => {
    const token = await tokenFor(await createUser(), 'confidential')
    for (const content of ['🎉🎂 birthday party was amazing 🥳', 'ذهبت إلى السوق أمس واشتريت الخبز', 'word '.repeat(2000).trim()]) {
      const r = await call(capture, 'POST', '/', { token, body: { content } })
      expect(r.status).toBe(201)
      expect(r.json.content ?? r.json.locked).toBeTruthy()
    }
  })

  it('answers 400 for malformed JSON and 401 without credentials', async () => {
    const token = await tokenFor(await createUser())
    expect((await call(capture, 'POST', '/', { token, raw: '{"content":' })).status).toBe(400)
    expect((await call(capture, 'POST', '/', { body: { content: 'x' } })).status).toBe(401)
  })

  it('needs the memories:write scope', async () => {
    const token = await tokenFor(await createUser(), 'general', ['memories:read'])
    const r = await call(capture, 'POST', '/', { token, body: { content: 'x' } })
    expect(r.status).toBe(403)
    expect(r.json.error.code).toBe('forbidden:scope')
  })
})

describe('reading, editing and deleting', () => {
  it('lists newest first with a stable cursor and filters by tier', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push((await call(capture, 'POST', '/', { token, body: { content: `note number ${i} about the garden`, tier: 'general' } })).json.id)
    const first = await call(list, 'GET', '/api/v1/memories?limit=2', { token })
    expect(first.json.items.map((m: { id: string }) => m.id)).toEqual([ids[4], ids[3]])
    const second = await call(list, 'GET', `/api/v1/memories?limit=2&cursor=${first.json.next_cursor}`, { token })
    expect(second.json.items.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]])
    const filtered = await call(list, 'GET', '/api/v1/memories?tier=chronological', { token })
    expect(filtered.json.items).toEqual([])
    expect((await call(list, 'GET', '/api/v1/memories?limit=0', { token })).status).toBe(400)
    expect((await call(list, 'GET', '/api/v1/memories?tier=nope', { token })).status).toBe(400)
    expect((await call(list, 'GET', '/api/v1/memories?cursor=garbage', { token })).status).toBe(400)
    expect((await call(list, 'GET', '/api/v1/memories?from=2026-05-02&to=2026-05-01', { token })).status).toBe(400)
  })

  it("answers 404, never 403, for another user's memory", async () => {
    const alice = await createUser()
    const bob = await createUser()
    const aliceToken = await tokenFor(alice)
    const bobMemory = await call(capture, 'POST', '/', { token: await tokenFor(bob), body: { content: 'bob likes tea', tier: 'general' } })
    const params = { id: bobMemory.json.id }
    expect((await call(read, 'GET', '/', { token: aliceToken, params })).status).toBe(404)
    expect((await call(patch, 'PATCH', '/', { token: aliceToken, params, body: { content: 'hijack' } })).status).toBe(404)
    expect((await call(remove, 'DELETE', '/', { token: aliceToken, params })).status).toBe(404)
    expect((await call(read, 'GET', '/', { token: aliceToken, params: { id: 'not-a-uuid' } })).status).toBe(404)
  })

  it('shows a locked placeholder and answers 403 forbidden:tier until the tier is unlocked', async () => {
    const user = await createUser()
    const stale = await sessionFor(user, { freshLogin: false })
    const { memory } = await captureMemory(stale, { content: 'worried about the biopsy results next week', tier: 'confidential' })
    expect(memory).toEqual({ id: memory.id, tier: 'confidential', created_at: expect.any(String), locked: true })
    const listed = await listMemories(stale, { limit: 10 })
    expect(listed.items[0]).toEqual(memory)
    const token = await tokenFor(user, 'general')
    const denied = await call(read, 'GET', '/', { token, params: { id: memory.id } })
    expect(denied.status).toBe(403)
    expect(denied.json.error).toMatchObject({ code: 'forbidden:tier', tier: 'confidential' })

    const fresh = await sessionFor(user)
    const open = await listMemories(fresh, { limit: 10 })
    expect(open.items[0]).toMatchObject({ id: memory.id, content: 'worried about the biopsy results next week' })
    const allowed = await call(read, 'GET', '/', { token: await tokenFor(user, 'confidential'), params: { id: memory.id } })
    expect(allowed.json.content).toBe('worried about the biopsy results next week')
  })

  it('moves a memory between tiers, re-sealing it, and records the correction', async () => {
    const user = await createUser()
    const token = await tokenFor(user, 'confidential')
    const created = await call(capture, 'POST', '/', { token, body: { content: 'therapy notes: talked about dad', tier: 'general' } })
    const moved = await call(patch, 'PATCH', '/', { token, params: { id: created.json.id }, body: { tier: 'confidential' } })
    expect(moved.status).toBe(200)
    expect(moved.json).toMatchObject({ tier: 'confidential', content: 'therapy notes: talked about dad', model: 'user' })
    const db = await getDb()
    const [row] = await db.select().from(memories).where(eq(memories.id, created.json.id))
    expect(row.content).toBeNull()
    expect(row.ciphertext).not.toBeNull()
    const recorded = await db.select().from(corrections).where(eq(corrections.memoryId, created.json.id))
    expect(recorded).toMatchObject([{ fromTier: 'general', toTier: 'confidential' }])
    expect(Buffer.from(recorded[0].exampleEnc).includes(Buffer.from('therapy'))).toBe(false)

    const back = await call(patch, 'PATCH', '/', { token, params: { id: created.json.id }, body: { tier: 'general' } })
    expect(back.json.tier).toBe('general')
    const [plain] = await db.select().from(memories).where(eq(memories.id, created.json.id))
    expect(plain.content).toBe('therapy notes: talked about dad')
    expect(plain.ciphertext).toBeNull()
  })

  it('re-classifies edited content unless a tier is given', async () => {
    const token = await tokenFor(await createUser(), 'confidential')
    const created = await call(capture, 'POST', '/', { token, body: { content: 'I prefer window seats on trains' } })
    const edited = await call(patch, 'PATCH', '/', { token, params: { id: created.json.id }, body: { content: 'the office wifi password is Gr33n-Tea-42' } })
    expect(edited.status).toBe(200)
    expect(edited.json).toMatchObject({ tier: 'secret', locked: true })
    const bad = await call(patch, 'PATCH', '/', { token, params: { id: created.json.id }, body: {} })
    expect(bad.status).toBe(400)
  })

  it('deletes softly with undo, and purges after 30 days', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const created = await call(capture, 'POST', '/', { token, body: { content: 'a note to delete', tier: 'general' } })
    const params = { id: created.json.id }
    expect((await call(remove, 'DELETE', '/', { token, params })).status).toBe(204)
    expect((await call(read, 'GET', '/', { token, params })).status).toBe(404)
    expect((await call(list, 'GET', '/api/v1/memories', { token })).json.items).toEqual([])
    expect((await call(remove, 'DELETE', '/', { token, params })).status).toBe(404)
    expect((await call(restore, 'POST', '/', { token, params })).status).toBe(200)
    expect((await call(read, 'GET', '/', { token, params })).json.content).toBe('a note to delete')

    await call(remove, 'DELETE', '/', { token, params })
    const db = await getDb()
    await db.update(memories).set({ deletedAt: new Date(Date.now() - 31 * 86_400_000) }).where(eq(memories.id, created.json.id))
    expect(await purgeExpiredMemories()).toBeGreaterThanOrEqual(1)
    expect(await db.select().from(memories).where(eq(memories.id, created.json.id))).toEqual([])
  })
})

describe('tier limits on writes', () => {
  it("a token limited below a memory's tier may neither delete nor restore it; protected deletes are audited", async () => {
    const user = await createUser()
    const wide = await tokenFor(user, 'confidential')
    const narrow = await tokenFor(user, 'general')
    const created = await call(capture, 'POST', '/', { token: wide, body: { content: 'lawyer said the settlement stays private', tier: 'confidential' } })
    const params = { id: created.json.id }
    const refused = await call(remove, 'DELETE', '/', { token: narrow, params })
    expect(refused.status).toBe(403)
    expect(refused.json.error.code).toBe('forbidden:tier')
    expect((await call(read, 'GET', '/', { token: wide, params })).json.content).toBe('lawyer said the settlement stays private')

    expect((await call(remove, 'DELETE', '/', { token: wide, params })).status).toBe(204)
    const notRestored = await call(restore, 'POST', '/', { token: narrow, params })
    expect(notRestored.status).toBe(403)
    expect((await call(read, 'GET', '/', { token: wide, params })).status).toBe(404)
    expect((await call(restore, 'POST', '/', { token: wide, params })).status).toBe(200)

    const rows = await (await getDb()).select().from(accessLog).where(eq(accessLog.userId, user.id))
    const actions = rows.filter((r) => r.action === 'memory.delete' || r.action === 'memory.restore').map((r) => [r.action, r.tier, r.success])
    expect(actions).toEqual(expect.arrayContaining([['memory.delete', 'confidential', true], ['memory.restore', 'confidential', true]]))
    expect(actions).toHaveLength(2)
  })

  it("keeps captures within the account's highest tier: a chosen tier above it is refused, a classified one is kept at it", async () => {
    const user = await createUser()
    const db = await getDb()
    await db.update(users).set({ maxTier: 2 }).where(eq(users.id, user.id))
    const capped = { ...user, maxTier: 2 }
    const token = await tokenFor(capped, 'confidential')
    const chosen = await call(capture, 'POST', '/', { token, body: { content: 'a plain note', tier: 'ultrasecret' } })
    expect(chosen.status).toBe(403)
    expect(chosen.json.error.code).toBe('forbidden:tier')
    expect(await db.select().from(memories).where(eq(memories.userId, user.id))).toEqual([])

    const classified = await call(capture, 'POST', '/', { token, body: { content: 'my bank PIN is 4471 and the card is 4111 1111 1111 1111 exp 04/29' } })
    expect(classified.status).toBe(201)
    expect(classified.json.tier).toBe('confidential')
    expect(classified.json.reasoning).toMatch(/highest tier is confidential/)
    expect(classified.json.content).toContain('4471')
  })

  it('never stores what a detector proved sensitive in plaintext: an account limited to tier 1 is refused a PIN, on capture and on edit', async () => {
    const user = await createUser()
    const db = await getDb()
    await db.update(users).set({ maxTier: 1 }).where(eq(users.id, user.id))
    const token = await tokenFor({ ...user, maxTier: 1 }, 'general')
    const refused = await call(capture, 'POST', '/', { token, body: { content: 'My bank PIN is 4921' } })
    expect(refused.status).toBe(403)
    expect(refused.json.error).toMatchObject({ code: 'forbidden:tier' })
    expect(refused.json.error.message).toMatch(/never stored in plaintext/)
    expect(refused.json.error.message).not.toContain('4921')
    expect(await db.select().from(memories).where(eq(memories.userId, user.id))).toEqual([])

    const plain = await call(capture, 'POST', '/', { token, body: { content: 'I prefer aisle seats on long flights' } })
    expect(plain.status).toBe(201)
    const edited = await call(patch, 'PATCH', '/', { token, params: { id: plain.json.id }, body: { content: 'My bank PIN is 4921' } })
    expect(edited.status).toBe(403)
    const [row] = await db.select().from(memories).where(eq(memories.id, plain.json.id))
    expect(row.content).toBe('I prefer aisle seats on long flights')
  })
})

describe('a replayed client_id whose memory was deleted since', () => {
  it('answers 200 saying so, with nothing of the memory, and does not bring it back', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const clientId = randomUUID()
    const body = { content: 'queued offline: the blue kettle note', client_id: clientId, tier: 'general' }
    const first = await call(capture, 'POST', '/', { token, body })
    expect((await call(remove, 'DELETE', '/', { token, params: { id: first.json.id } })).status).toBe(204)
    const replay = await call(capture, 'POST', '/', { token, body })
    expect(replay.status).toBe(200)
    expect(replay.json).toEqual({ id: first.json.id, tier: 'general', created_at: first.json.created_at, deleted: true, deleted_at: expect.any(String), classification: null })
    expect((await call(read, 'GET', '/', { token, params: { id: first.json.id } })).status).toBe(404)
    expect((await call(restore, 'POST', '/', { token, params: { id: first.json.id } })).status).toBe(200)
  })
})

describe('a token that may write but not read', () => {
  it('learns that an edit or a replayed capture was saved, never the memory', async () => {
    const user = await createUser()
    const owner = await tokenFor(user)
    const writer = await tokenFor(user, 'general', ['memories:write'])
    const clientId = randomUUID()
    const first = await call(capture, 'POST', '/', { token: owner, body: { content: 'the garden shed note, zebracorn', client_id: clientId, tier: 'general' } })
    expect(first.status).toBe(201)
    const replay = await call(capture, 'POST', '/', { token: writer, body: { content: 'x', client_id: clientId } })
    expect(replay.status).toBe(200)
    expect(Object.keys(replay.json).sort()).toEqual(['created_at', 'id', 'tier', 'updated_at'])
    expect(JSON.stringify(replay.json)).not.toContain('zebracorn')

    const edited = await call(patch, 'PATCH', '/', { token: writer, params: { id: first.json.id }, body: { tags: ['garden'] } })
    expect(edited.status).toBe(200)
    expect(edited.json).toEqual({ id: first.json.id, tier: first.json.tier, created_at: first.json.created_at, updated_at: expect.any(String) })
    expect((await call(read, 'GET', '/', { token: writer, params: { id: first.json.id } })).status).toBe(403)
    // A new capture still echoes what the writer itself sent.
    const own = await call(capture, 'POST', '/', { token: writer, body: { content: 'bought a new rake' } })
    expect(own.status).toBe(201)
    expect(own.json.content).toBe('bought a new rake')
  })
})

describe('an edit never lowers a memory\'s tier', () => {
  it('a typo fixed in a memory the user put in confidential keeps it sealed; only a move takes it lower', async () => {
    const user = await createUser()
    const token = await tokenFor(user, 'confidential')
    const db = await getDb()
    const created = await call(capture, 'POST', '/', { token, body: { content: 'I prefer the windowseat on trains', tier: 'confidential' } })
    expect(created.json).toMatchObject({ tier: 'confidential', model: 'user' })
    const edited = await call(patch, 'PATCH', '/', { token, params: { id: created.json.id }, body: { content: 'I prefer the window seat on trains' } })
    expect(edited.status).toBe(200)
    expect(edited.json).toMatchObject({ tier: 'confidential', model: 'user', content: 'I prefer the window seat on trains' })
    expect(edited.json.reasoning).toMatch(/^Kept in confidential: an edit never lowers/)
    const [row] = await db.select().from(memories).where(eq(memories.id, created.json.id))
    expect(row.tier).toBe('confidential')
    expect(row.content).toBeNull()
    expect(Buffer.from(row.ciphertext!).includes(Buffer.from('window'))).toBe(false)

    // A memory the classifier placed in confidential is kept there too when the new text reads lower.
    const placed = await call(capture, 'POST', '/', { token, body: { content: 'my therapist thinks the panic attacks are linked to my job' } })
    expect(placed.json.tier).toBe('confidential')
    const rewritten = await call(patch, 'PATCH', '/', { token, params: { id: placed.json.id }, body: { content: 'buy oat milk' } })
    expect(rewritten.json.tier).toBe('confidential')

    const moved = await call(patch, 'PATCH', '/', { token, params: { id: created.json.id }, body: { tier: 'general' } })
    expect(moved.json.tier).toBe('general')
  })
})

describe('concurrent writes to one memory', () => {
  it('a tag edit racing a move to secret never brings the memory back to general in plaintext, and loses neither', async () => {
    const user = await createUser()
    const principal = await sessionFor(user, { unlocks: { '3': new Date(Date.now() + 600_000).toISOString() } })
    const db = await getDb()
    for (let round = 0; round < 6; round++) {
      const { memory } = await captureMemory(principal, { content: `garden plan round ${round}: tomatoes by the fence`, tier: 'general' })
      const [move, edit] = await Promise.allSettled([
        updateMemory(principal, memory.id, { tier: 'secret' }),
        updateMemory(principal, memory.id, { tags: [`round-${round}`] }),
      ])
      expect(move.status).toBe('fulfilled')
      expect(edit.status).toBe('fulfilled')
      const [row] = await db.select().from(memories).where(eq(memories.id, memory.id))
      expect(row.tier).toBe('secret')
      expect(row.content).toBeNull()
      const read = await getMemoryView(principal, memory.id)
      expect(read?.memory).toMatchObject({ tier: 'secret', tags: [`round-${round}`] })
    }
  })
})

describe('malformed input never reaches the database', () => {
  it.each([
    ['year 0', ['0000-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000']],
    ['a year past 9999', ['+275760-09-13T00:00:00.000Z', '00000000-0000-0000-0000-000000000000']],
    ['an id of dashes', ['2026-01-01T00:00:00Z', '-'.repeat(36)]],
  ])('answers 400 for a crafted list cursor: %s', async (_name, parts) => {
    const token = await tokenFor(await createUser())
    const cursor = Buffer.from(JSON.stringify(parts)).toString('base64url')
    const r = await call(list, 'GET', `/api/v1/memories?cursor=${cursor}`, { token })
    expect(r.status).toBe(400)
    expect(r.json.error.message).toBe('The cursor is not valid.')
  })

  it('refuses a query parameter given twice rather than reading its last value', async () => {
    const token = await tokenFor(await createUser())
    const r = await call(list, 'GET', '/api/v1/memories?tier=secret&tier=general&limit=5', { token })
    expect(r.status).toBe(400)
    expect(r.json.error.fields).toEqual({ tier: ['Give this parameter once.'] })
    expect((await call(list, 'GET', '/api/v1/memories?tier=general&limit=5', { token })).status).toBe(200)
  })

  it('refuses half a surrogate pair in any tier, and content of zero-width characters only', async () => {
    const token = await tokenFor(await createUser(), 'confidential')
    for (const tier of ['general', 'confidential']) {
      const r = await call(capture, 'POST', '/', { token, raw: `{"content":"broken \\ud83d here","tier":"${tier}"}` })
      expect(r.status).toBe(400)
      expect(r.json.error.fields.content[0]).toMatch(/broken character/)
    }
    const invisible = await call(capture, 'POST', '/', { token, body: { content: '\u200b\u200d\ufeff ' } })
    expect(invisible.status).toBe(400)
    expect(invisible.json.error.fields.content[0]).toMatch(/content is empty/)
    const emoji = await call(capture, 'POST', '/', { token, body: { content: 'a whole pair is fine 😀', tier: 'general' } })
    expect(emoji.status).toBe(201)
  })

  it('takes 10,000 emoji written as \\u escapes (120 KB of JSON), and refuses a body past the limit however it is sent', async () => {
    const token = await tokenFor(await createUser())
    const escaped = `{"content":"${'\\ud83d\\ude00'.repeat(10_000)}","tier":"general"}`
    const r = await call(capture, 'POST', '/', { token, raw: escaped })
    expect(r.status).toBe(201)
    expect([...r.json.content]).toHaveLength(10_000)
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"content":"' : 'x'.repeat(4096)))
        controller.close()
      },
    })
    const request = new Request('http://localhost/api/v1/memories', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: chunked, duplex: 'half' } as RequestInit)
    const response = await capture(request, { params: Promise.resolve({}) } as never)
    expect(response.status).toBe(413)
  })

  it('refuses a body that is not UTF-8, or says it is in another charset, rather than storing replacement characters', async () => {
    const token = await tokenFor(await createUser())
    const send = (body: Uint8Array<ArrayBuffer>, contentType: string) =>
      capture(new Request('http://localhost/api/v1/memories', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body }), { params: Promise.resolve({}) } as never)
    const latin1: Uint8Array<ArrayBuffer> = Uint8Array.from(Buffer.from('{"content":"caf\u00e9 au lait","tier":"general"}', 'latin1'))
    for (const [body, type] of [[latin1, 'application/json'], [latin1, 'application/json; charset=iso-8859-1']] as const) {
      const response = await send(body, type)
      expect(response.status).toBe(400)
      expect((await response.json()).error.message).toBe('Send the body as UTF-8 JSON.')
    }
    const utf8 = await send(Uint8Array.from(new TextEncoder().encode('{"content":"café au lait","tier":"general"}')), 'application/json; charset=UTF-8')
    expect(utf8.status).toBe(201)
    expect((await utf8.json()).content).toBe('café au lait')
  })
})

describe('corrections teach the classifier, per user', () => {
  it('after a handful of moves, similar new messages follow; another user is unaffected', async () => {
    const alice = await createUser()
    const bob = await createUser()
    const aliceSession = await sessionFor(alice)
    const texts = ['band practice with the marigolds tonight', 'band practice with the marigolds on sunday', 'marigolds band practice moved to thursday']
    for (const content of texts) {
      const { memory } = await captureMemory(aliceSession, { content })
      expect(memory.tier).not.toBe('confidential')
      const { updateMemory } = await import('@/lib/memories')
      await updateMemory(aliceSession, memory.id, { tier: 'confidential' })
    }
    const next = await captureMemory(aliceSession, { content: 'band practice with the marigolds next week' })
    expect(next.memory.tier).toBe('confidential')
    expect(next.classification?.model).toBe('local:logreg-v2+corrections')
    expect(next.classification?.reasoning).toMatch(/corrections/)

    const bobs = await captureMemory(await sessionFor(bob), { content: 'band practice with the marigolds next week' })
    expect(bobs.memory.tier).not.toBe('confidential')
  })

  it('a classification that stores nothing uses only the corrections of tiers the caller may read: no oracle on locked memories', async () => {
    const user = await createUser()
    const session = await sessionFor(user)
    const { updateMemory } = await import('@/lib/memories')
    for (const content of ['blue heron nests near the old mill pond', 'the blue heron is back at the mill pond', 'saw the blue heron by the mill pond again']) {
      const { memory } = await captureMemory(session, { content })
      await updateMemory(session, memory.id, { tier: 'confidential' })
    }
    const guess = { content: 'blue heron nests by the old mill pond' }
    const wide = await call(classifyRoute, 'POST', '/api/v1/classify', { token: await tokenFor(user, 'confidential'), body: guess })
    expect(wide.json).toMatchObject({ tier: 'confidential', model: 'local:logreg-v2+corrections' })
    const narrow = await call(classifyRoute, 'POST', '/api/v1/classify', { token: await tokenFor(user, 'general'), body: guess })
    expect(narrow.status).toBe(200)
    expect(narrow.json.model).toBe('local:logreg-v2')
    expect(narrow.json.reasoning).not.toMatch(/corrections/)
    expect(narrow.json.tier).not.toBe('confidential')
    // A capture by the narrow token still follows the user's lesson: what is stored stays protected.
    const stored = await call(capture, 'POST', '/', { token: await tokenFor(user, 'general'), body: guess })
    expect(stored.json).toMatchObject({ tier: 'confidential', locked: true })
  })
})
