// The after-capture job is written in the capture's own transaction: a stored memory gets
// exactly one, run after the commit; a capture whose transaction rolls back leaves none behind.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { getQueue } from '@/lib/jobs'
import { workOn } from '@/lib/jobs/workers'
import { captureMemory, listMemories } from '@/lib/memories'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { sessionFor } from '../fixtures/principal'

// The live event is written after the job in the capture's transaction: failing it on demand
// rolls back a transaction that has already queued its job.
const live = vi.hoisted(() => ({ fail: false }))
vi.mock('@/lib/live/publish', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/live/publish')>()
  return {
    ...actual,
    publishMemoryEvent: async (...args: Parameters<typeof actual.publishMemoryEvent>) => {
      if (live.fail) throw new Error('the live event could not be written')
      return actual.publishMemoryEvent(...args)
    },
  }
})

setupTestDatabase()
const ran: string[] = []
const failFor = new Set<string>()

const afterCapture = async (data: object) => {
  const id = (data as { memory_id: string }).memory_id
  if (failFor.has(id)) throw new Error('connections could not be written')
  ran.push(id)
}

beforeAll(async () => {
  await workOn(await getQueue(), { 'after-capture': afterCapture }, { pollingIntervalSeconds: 0.5 })
})

async function until(check: () => boolean, ms: number) {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 100))
}

describe('the after-capture job', () => {
  it('runs once for a stored memory, and never for a capture that rolled back', { timeout: 90_000 }, async () => {
    const principal = await sessionFor(await createUser())
    const stored = await captureMemory(principal, { content: 'planted tomatoes on the balcony' })
    await until(() => ran.includes(stored.memory.id), 10_000)
    expect(ran).toEqual([stored.memory.id])
    expect(await (await getQueue()).findJobs('after-capture', { data: { memory_id: stored.memory.id } })).toHaveLength(1)

    live.fail = true
    await expect(captureMemory(principal, { content: 'this one never lands', client_id: '5b0f4f6e-8a3e-4c39-9d7e-1f2a3b4c5d6e' })).rejects.toThrow(/live event/)
    live.fail = false
    // Polled several times over: nothing more runs, and no job waits.
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(ran).toEqual([stored.memory.id])
    expect(await (await getQueue()).findJobs('after-capture')).toHaveLength(1)
    const { items } = await listMemories(principal, { limit: 10 })
    expect(items.map((m) => m.id)).toEqual([stored.memory.id])
  })

  it('fetches jobs in batches, and a failing job retries alone while the rest of its batch completes', { timeout: 90_000 }, async () => {
    const principal = await sessionFor(await createUser())
    // The worker stops while six memories are stored, so its next fetch takes them as one batch.
    const queue = await getQueue()
    await queue.offWork('after-capture')
    const stored = []
    for (let i = 0; i < 6; i++) stored.push(await captureMemory(principal, { content: `seedlings row ${i} watered` }))
    const ids = stored.map((s) => s.memory.id)
    failFor.add(ids[2])
    await workOn(queue, { 'after-capture': afterCapture }, { pollingIntervalSeconds: 0.5 })
    // Settled once no job of these six is still waiting or running.
    let jobs = await queue.findJobs('after-capture')
    const stateOf = (id: string) => jobs.find((job) => (job.data as { memory_id: string }).memory_id === id)?.state
    for (const end = Date.now() + 15_000; Date.now() < end && ids.some((id) => ['created', 'active'].includes(stateOf(id) ?? 'created')); ) {
      await new Promise((resolve) => setTimeout(resolve, 100))
      jobs = await queue.findJobs('after-capture')
    }
    expect(ids.filter((id) => id !== ids[2]).map(stateOf)).toEqual(Array(5).fill('completed'))
    expect(stateOf(ids[2])).toBe('retry')
    expect(ran).not.toContain(ids[2])
  })
})
