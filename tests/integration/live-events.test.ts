import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { GET as events } from '@/app/api/v1/events/route'
import { POST as capture } from '@/app/api/v1/memories/route'
import { DELETE as remove, PATCH as patch } from '@/app/api/v1/memories/[id]/route'
import { POST as restore } from '@/app/api/v1/memories/[id]/restore/route'
import { getMemoryById, insertMemory } from '@/db/queries/memories'
import { memories } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { revokeApiToken } from '@/lib/auth/api-tokens'
import { authenticate, isPrincipalCurrent } from '@/lib/auth/principal'
import { revokeSession } from '@/lib/auth/sessions'
import { MEMORY_EVENTS_CHANNEL, memoryEventStream, publishMemoryEvent, subscribeToMemoryEvents, type MemoryEvent } from '@/lib/live'
import { captureMemory, deleteMemory, getMemoryView } from '@/lib/memories'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call } from '../fixtures/http'
import { sessionFor, tokenFor } from '../fixtures/principal'
import { SseReader } from '../fixtures/sse'

const test = setupTestDatabase()

/** A subscription to one user's events, read in order with a deadline. */
class Inbox {
  readonly events: MemoryEvent[] = []
  private read = 0
  private wake?: () => void
  stop: () => void = () => {}

  static async of(userId: string): Promise<Inbox> {
    const inbox = new Inbox()
    inbox.stop = await subscribeToMemoryEvents(userId, {
      onEvent: (event) => {
        inbox.events.push(event)
        inbox.wake?.()
      },
    })
    opened.push(inbox)
    return inbox
  }

  async next(timeoutMs = 3000): Promise<MemoryEvent> {
    const deadline = Date.now() + timeoutMs
    while (this.read >= this.events.length) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`no memory event within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
    return this.events[this.read++]
  }
}

const opened: Inbox[] = []
const readers: SseReader[] = []
afterEach(async () => {
  for (const inbox of opened.splice(0)) inbox.stop()
  for (const reader of readers.splice(0)) await reader.cancel()
})

async function openStream(token: string | undefined, signal?: AbortSignal, query = '') {
  const headers = new Headers({ 'user-agent': 'vitest', 'x-forwarded-for': '198.51.100.7' })
  if (token) headers.set('authorization', `Bearer ${token}`)
  const response = await events(new Request(`http://localhost/api/v1/events${query}`, { headers, signal }), { params: Promise.resolve({}) })
  if (response.status === 200) readers.push(new SseReader(response))
  return { response, reader: readers.at(-1) }
}

describe('the memory event bus', () => {
  it("delivers a committed capture to its owner's subscribers: user, memory and kind, nothing else", async () => {
    const user = await createUser()
    const inbox = await Inbox.of(user.id)
    const { memory } = await captureMemory(await sessionFor(user), { content: 'planted tomatoes on the balcony today' })
    expect(await inbox.next()).toEqual({ user_id: user.id, memory_id: memory.id, kind: 'created' })
  })

  it('announces every write of a memory with its kind; a replayed capture announces nothing', async () => {
    const user = await createUser()
    const token = await tokenFor(user, 'confidential')
    const inbox = await Inbox.of(user.id)
    const clientId = randomUUID()
    const body = { content: 'the plumber comes on thursday morning', tier: 'general', client_id: clientId }
    const created = await call(capture, 'POST', '/', { token, body })
    const params = { id: created.json.id }
    expect((await call(capture, 'POST', '/', { token, body })).status).toBe(200)
    await call(patch, 'PATCH', '/', { token, params, body: { content: 'the plumber comes on friday morning', tier: 'general' } })
    await call(patch, 'PATCH', '/', { token, params, body: { tier: 'confidential' } })
    await call(remove, 'DELETE', '/', { token, params })
    await call(restore, 'POST', '/', { token, params })
    const kinds = []
    for (let i = 0; i < 5; i++) {
      const event = await inbox.next()
      expect(event.memory_id).toBe(created.json.id)
      kinds.push(event.kind)
    }
    expect(kinds).toEqual(['created', 'updated', 'moved', 'deleted', 'restored'])
    // A failed write (deleting what is already gone) announces nothing either.
    await deleteMemory(await sessionFor(user), created.json.id)
    await expect(deleteMemory(await sessionFor(user), created.json.id)).rejects.toMatchObject({ code: 'not_found:memory' })
    expect((await inbox.next()).kind).toBe('deleted')
    await expect(inbox.next(300)).rejects.toThrow(/no memory event/)
  })

  it('does not deliver a write whose transaction rolls back', async () => {
    const user = await createUser()
    const inbox = await Inbox.of(user.id)
    const doomed = randomUUID()
    await expect(
      withUser(user.id, async (tx) => {
        await insertMemory(tx, { id: doomed, userId: user.id, tier: 'general', securityLevel: 1, content: 'never stored' })
        await publishMemoryEvent(tx, { user_id: user.id, memory_id: doomed, kind: 'created' })
        throw new Error('the write fails after announcing itself')
      }),
    ).rejects.toThrow('the write fails')
    expect(await withUser(user.id, (tx) => getMemoryById(tx, { userId: user.id, id: doomed }))).toBeUndefined()
    // Notifications arrive in commit order: the first one is the next committed write.
    const { memory } = await captureMemory(await sessionFor(user), { content: 'this one is committed' })
    expect(await inbox.next()).toMatchObject({ memory_id: memory.id })
    expect(inbox.events.map((e) => e.memory_id)).not.toContain(doomed)
  })

  it("delivers only to that user's subscribers, to each of them, and stops at unsubscribe", async () => {
    const alice = await createUser()
    const bob = await createUser()
    const aliceTab = await Inbox.of(alice.id)
    const alicePhone = await Inbox.of(alice.id)
    const bobTab = await Inbox.of(bob.id)
    const bobs = await captureMemory(await sessionFor(bob), { content: 'bob booked the dentist' })
    expect(await bobTab.next()).toMatchObject({ user_id: bob.id, memory_id: bobs.memory.id })
    const alices = await captureMemory(await sessionFor(alice), { content: 'alice booked the vet' })
    expect(await aliceTab.next()).toMatchObject({ user_id: alice.id, memory_id: alices.memory.id })
    expect(await alicePhone.next()).toMatchObject({ user_id: alice.id, memory_id: alices.memory.id })

    alicePhone.stop()
    const again = await captureMemory(await sessionFor(alice), { content: 'alice walked the dog' })
    expect(await aliceTab.next()).toMatchObject({ memory_id: again.memory.id })
    expect(alicePhone.events).toHaveLength(1)
    expect(bobTab.events).toHaveLength(1)
  })

  it('never puts content in a notification, even of a secret memory', async () => {
    const user = await createUser()
    const raw: string[] = []
    const unlisten = await test.handle.listen(MEMORY_EVENTS_CHANNEL, (payload) => raw.push(payload))
    try {
      const inbox = await Inbox.of(user.id)
      const { memory } = await captureMemory(await sessionFor(user), { content: 'my card is 4111 1111 1111 1111 exp 04/29 zebracorn' })
      expect(memory.tier).toBe('secret')
      await inbox.next()
      const payload = raw.find((p) => p.includes(memory.id))!
      expect(Object.keys(JSON.parse(payload)).sort()).toEqual(['kind', 'memory_id', 'user_id'])
      for (const word of ['zebracorn', '4111', 'card', 'secret']) expect(payload).not.toContain(word)
    } finally {
      await unlisten()
    }
  })

  it('ignores anything on the channel that is not a memory event', async () => {
    const user = await createUser()
    const inbox = await Inbox.of(user.id)
    const forged = JSON.stringify({ user_id: user.id, memory_id: randomUUID(), kind: 'exploded' })
    await test.handle.db.execute(sql`select pg_notify(${MEMORY_EVENTS_CHANNEL}, ${forged}), pg_notify(${MEMORY_EVENTS_CHANNEL}, 'not json')`)
    const { memory } = await captureMemory(await sessionFor(user), { content: 'a real one after the noise' })
    expect(await inbox.next()).toMatchObject({ memory_id: memory.id, kind: 'created' })
  })
})

describe('reading an announced memory', () => {
  it('follows the reading rules: content when readable, the lock placeholder when not, null when gone or not yours', async () => {
    const user = await createUser()
    const session = await sessionFor(user)
    const clientId = randomUUID()
    const open = await captureMemory(session, { content: 'bought sourdough at the market', tier: 'general', client_id: clientId })
    expect(await getMemoryView(session, open.memory.id)).toMatchObject({ memory: { id: open.memory.id, content: 'bought sourdough at the market' }, clientId })

    const secret = await captureMemory(session, { content: 'the safe code is 7741 zebracorn', tier: 'secret', client_id: randomUUID() })
    const locked = await getMemoryView(session, secret.memory.id)
    expect(locked?.memory).toEqual({ id: secret.memory.id, tier: 'secret', created_at: expect.any(String), locked: true })
    expect(JSON.stringify(locked)).not.toContain('zebracorn')

    expect(await getMemoryView(await sessionFor(await createUser()), open.memory.id)).toBeNull()
    expect(await getMemoryView(session, 'not-a-uuid')).toBeNull()
    await deleteMemory(session, open.memory.id)
    expect(await getMemoryView(session, open.memory.id)).toBeNull()
  })
})

describe('GET /api/v1/events', () => {
  it('streams an event after a capture through the API, carrying only its id and kind', async () => {
    const token = await tokenFor(await createUser())
    const { response, reader } = await openStream(token)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(response.headers.get('cache-control')).toMatch(/no-store/)
    expect(response.headers.get('cache-control')).toMatch(/no-transform/)
    const hello = await reader!.next()
    expect(hello).toMatchObject({ retry: 3000, comments: ['connected'] })

    const created = await call(capture, 'POST', '/', { token, body: { content: 'picked up the new glasses, zebracorn frames' } })
    expect(created.status).toBe(201)
    const event = await reader!.nextNamed('memory')
    expect(JSON.parse(event.data!)).toEqual({ memory_id: created.json.id, kind: 'created' })
    expect(event.data).not.toContain('zebracorn')
  })

  it("sends a user nothing of another user's memories", async () => {
    const aliceToken = await tokenFor(await createUser())
    const bobToken = await tokenFor(await createUser())
    const { reader: bobs } = await openStream(bobToken)
    const { reader: alices } = await openStream(aliceToken)
    const alice = await call(capture, 'POST', '/', { token: aliceToken, body: { content: 'alice: call the landlord' } })
    const bob = await call(capture, 'POST', '/', { token: bobToken, body: { content: 'bob: water the ferns' } })
    expect(JSON.parse((await alices!.nextNamed('memory')).data!).memory_id).toBe(alice.json.id)
    // Bob's first event is his own memory, written after Alice's.
    expect(JSON.parse((await bobs!.nextNamed('memory')).data!).memory_id).toBe(bob.json.id)
  })

  it('starts with a resync when something changed between the caller\'s read (since) and the subscription', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const readAt = new Date().toISOString()
    const missed = await call(capture, 'POST', '/', { token, body: { content: 'written while the page was loading' } })
    const { reader } = await openStream(token, undefined, `?since=${encodeURIComponent(readAt)}`)
    await reader!.next()
    expect(await reader!.next()).toMatchObject({ event: 'resync' })

    // A restore counts too: it is the only change after `since` here.
    const params = { id: missed.json.id }
    await call(remove, 'DELETE', '/', { token, params })
    const hourAgo = new Date(Date.now() - 3_600_000)
    await test.handle.db.update(memories).set({ createdAt: hourAgo, updatedAt: hourAgo, deletedAt: hourAgo }).where(eq(memories.id, missed.json.id))
    const before = new Date().toISOString()
    await call(restore, 'POST', '/', { token, params })
    const { reader: restored } = await openStream(token, undefined, `?since=${encodeURIComponent(before)}`)
    await restored!.next()
    expect(await restored!.next()).toMatchObject({ event: 'resync' })
  })

  it('does not ask a caller whose view is current to resynchronise', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const old = await call(capture, 'POST', '/', { token, body: { content: 'written long before the page' } })
    const hourAgo = new Date(Date.now() - 3_600_000)
    await test.handle.db.update(memories).set({ createdAt: hourAgo, updatedAt: hourAgo }).where(eq(memories.id, old.json.id))
    const { reader } = await openStream(token, undefined, `?since=${encodeURIComponent(new Date().toISOString())}`)
    await reader!.next()
    const created = await call(capture, 'POST', '/', { token, body: { content: 'written after the page opened its stream' } })
    // The first event is the new memory, not a resync.
    expect(await reader!.next()).toMatchObject({ event: 'memory', data: JSON.stringify({ memory_id: created.json.id, kind: 'created' }) })
    expect((await openStream(token, undefined, '?since=yesterday')).response.status).toBe(400)
  })

  it('answers 401 without credentials and 403 for a token without memories:read', async () => {
    const none = await openStream(undefined)
    expect(none.response.status).toBe(401)
    expect((await none.response.json()).error.code).toBe('unauthorized:session')
    const writeOnly = await openStream(await tokenFor(await createUser(), 'general', ['memories:write']))
    expect(writeOnly.response.status).toBe(403)
    expect((await writeOnly.response.json()).error.code).toBe('forbidden:scope')
  })

  it('ends the stream and its subscription when the client goes away', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const client = new AbortController()
    const { reader } = await openStream(token, client.signal)
    await reader!.next()
    client.abort()
    expect(await reader!.next()).toBeNull()
    // The bus still serves others: a capture reaches a fresh subscriber, the closed stream saw nothing.
    const inbox = await Inbox.of(user.id)
    const created = await call(capture, 'POST', '/', { token, body: { content: 'after the tab closed' } })
    expect(await inbox.next()).toMatchObject({ memory_id: created.json.id })
  })

  it('sends heartbeats, and ends at the next one once the token is revoked', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const principal = await authenticate(new Request('http://localhost/api/v1/events', { headers: { authorization: `Bearer ${token}` } }), { scope: 'memories:read' })
    const stream = await memoryEventStream({ userId: user.id, signal: new AbortController().signal, stillAllowed: () => isPrincipalCurrent(principal), heartbeatMs: 50 })
    const reader = new SseReader(stream)
    readers.push(reader)
    await reader.next()
    expect((await reader.next())?.comments).toEqual(['heartbeat'])
    expect(await revokeApiToken({ userId: user.id, id: principal.tokenId! })).toBe(true)
    expect(await isPrincipalCurrent(principal)).toBe(false)
    await drain(reader)
    expect(reader.ended).toBe(true)
  })

  it('delivers nothing more once the token is revoked, without waiting for a heartbeat', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const principal = await authenticate(new Request('http://localhost/api/v1/events', { headers: { authorization: `Bearer ${token}` } }), { scope: 'memories:read' })
    const stream = await memoryEventStream({ userId: user.id, signal: new AbortController().signal, stillAllowed: () => isPrincipalCurrent(principal), heartbeatMs: 60_000 })
    const reader = new SseReader(stream)
    readers.push(reader)
    await reader.next()
    const before = await call(capture, 'POST', '/', { token, body: { content: 'heard while the token is good' } })
    expect(JSON.parse((await reader.nextNamed('memory')).data!)).toMatchObject({ memory_id: before.json.id })
    expect(await revokeApiToken({ userId: user.id, id: principal.tokenId! })).toBe(true)
    // Past the second a check stands for.
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    const other = await tokenFor(user)
    await call(capture, 'POST', '/', { token: other, body: { content: 'not for the revoked token' } })
    expect(await reader.next()).toBeNull()
    expect(reader.ended).toBe(true)
  })

  it('ends for a session that is signed out', async () => {
    const user = await createUser()
    const session = await sessionFor(user)
    const stream = await memoryEventStream({ userId: user.id, signal: new AbortController().signal, stillAllowed: () => isPrincipalCurrent(session), heartbeatMs: 50 })
    const reader = new SseReader(stream)
    readers.push(reader)
    await reader.next()
    expect(await revokeSession({ userId: user.id, id: session.sessionId! })).toBe(true)
    await drain(reader)
    expect(reader.ended).toBe(true)
  })
})

/** Reads heartbeats until the stream ends (a deadline failure if it does not). */
async function drain(reader: SseReader) {
  while (await reader.next()) {
    // heartbeats until the check notices
  }
}
