// The timeline's server actions, called as a hostile client may call them: the session comes from
// the request (mocked here); the arguments are whatever was posted, not what the types promise.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { captureAction, deleteMemoryAction, editMemoryAction, liveMemoryAction, loadEarlierAction, moveMemoryAction, restoreMemoryAction } from '@/app/(app)/home/actions'
import { captureMemory } from '@/lib/memories'
import { createUser } from '../fixtures/accounts'
import { signedIn } from '../fixtures/action-user'
import { setupTestDatabase } from '../fixtures/db'
import { sessionFor } from '../fixtures/principal'

vi.mock('@/lib/auth/page', async () => (await import('../fixtures/action-user')).actionAuth())
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'user-agent': 'vitest' }) }))
vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

setupTestDatabase()

let memoryId: string

beforeAll(async () => {
  signedIn.principal = await sessionFor(await createUser())
  memoryId = (await captureMemory(signedIn.principal, { content: 'a walk by the canal', tier: 'general' })).memory.id
})

const hostile: unknown[] = [{ toString: 1 }, { toString: () => memoryId }, ['x'], 42, null, undefined]

describe('timeline actions with arguments that are not strings', () => {
  it.each(hostile.map((value) => [JSON.stringify(value) ?? String(value), value]))('name no memory for the id %s, without an internal error', async (_label, value) => {
    const id = value as string
    // A live event for a memory not there: nothing to show.
    expect(await liveMemoryAction(id)).toEqual({ status: 'ok', data: { memory: null, client_id: null } })
    for (const result of [await deleteMemoryAction(id), await restoreMemoryAction(id), await moveMemoryAction(id, 'general')]) {
      expect(result).toMatchObject({ status: 'error', code: 'not_found:memory' })
    }
    // The memory the object's toString named is untouched.
    const live = await liveMemoryAction(memoryId)
    expect(live).toMatchObject({ status: 'ok', data: { memory: { id: memoryId, content: 'a walk by the canal' } } })
  })

  it.each(['-'.repeat(36), '0'.repeat(36), '00000000-0000-0000-0000-00000000000-'])('answers a malformed id "%s" as no memory, never an internal error', async (id) => {
    expect(await liveMemoryAction(id)).toEqual({ status: 'ok', data: { memory: null, client_id: null } })
    for (const result of [await deleteMemoryAction(id), await restoreMemoryAction(id), await moveMemoryAction(id, 'general'), await editMemoryAction(id, 'x')]) {
      expect(result).toMatchObject({ status: 'error', code: 'not_found:memory' })
    }
  })

  it('answers a cursor that is not a string, or a crafted one, as not valid', async () => {
    for (const cursor of [{ toString: 1 }, 7, Buffer.from(JSON.stringify(['0000-01-01T00:00:00Z', '00000000-0000-0000-0000-000000000000'])).toString('base64url')]) {
      const result = await loadEarlierAction(cursor as string)
      expect(result.status === 'error' || result.status === 'invalid').toBe(true)
      expect(result).toMatchObject({ message: 'The cursor is not valid.' })
    }
  })
})

describe('editing from the timeline', () => {
  it('says when an edit keeps a memory in its tier, and when the new text is classified', async () => {
    const sealed = await captureMemory(signedIn.principal!, { content: 'I prefer the windowseat on trains', tier: 'confidential' })
    expect(await editMemoryAction(sealed.memory.id, 'I prefer the window seat on trains')).toEqual({
      status: 'ok',
      message: "Saved; kept in confidential (an edit never lowers a memory's tier).",
    })
    const plain = await captureMemory(signedIn.principal!, { content: 'I prefer aisle seats', tier: 'general' })
    expect(await editMemoryAction(plain.memory.id, 'the office wifi password is Gr33n-Tea-42')).toEqual({ status: 'ok', message: 'Saved; classified as secret.' })
  })
})

describe('the composer replaying a capture', () => {
  it('says a capture was already saved, and when it was deleted since', async () => {
    const form = new FormData()
    form.set('content', 'queued while offline: call the piano tuner')
    form.set('client_id', '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f')
    form.set('tier', 'general')
    const first = await captureAction({ status: 'idle' }, form)
    expect(first).toMatchObject({ status: 'ok', message: 'Saved as general.' })
    expect(await captureAction({ status: 'idle' }, form)).toMatchObject({ status: 'ok', message: 'Already saved.' })
    const id = (first as { data: { id: string } }).data.id
    expect(await deleteMemoryAction(id)).toMatchObject({ status: 'ok' })
    const again = await captureAction({ status: 'idle' }, form)
    expect(again).toMatchObject({ status: 'ok', message: 'Already saved, and deleted since (see Recently deleted).', data: { id, locked: true } })
  })
})
