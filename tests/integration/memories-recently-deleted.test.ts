import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { getDb } from '@/db'
import { accessLog, memories } from '@/db/schema'
import { captureMemory, deleteMemory, restoreMemory } from '@/lib/memories'
import { listRecentlyDeleted } from '@/lib/memories/recently-deleted'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { sessionFor } from '../fixtures/principal'

setupTestDatabase()

async function captured(principal: Awaited<ReturnType<typeof sessionFor>>, content: string, tier?: 'general' | 'secret') {
  return (await captureMemory(principal, { content, tier, source: 'app' })).memory.id
}

describe('recently deleted memories', () => {
  it('lists what was deleted in the last 30 days, newest deletion first, until it is restored', async () => {
    const user = await createUser()
    const me = await sessionFor(user)
    const a = await captured(me, 'the plumber comes on Tuesday', 'general')
    const b = await captured(me, 'buy lemons for the cake', 'general')
    const kept = await captured(me, 'water the fern', 'general')
    await deleteMemory(me, a)
    await deleteMemory(me, b)
    const listed = await listRecentlyDeleted(me)
    expect(listed.map((m) => m.id)).toEqual([b, a])
    expect(listed[0]).toMatchObject({ content: 'buy lemons for the cake', tier: 'general' })
    const until = Date.parse(listed[0].restorable_until) - Date.parse(listed[0].deleted_at)
    expect(until).toBe(30 * 86_400_000)
    expect(listed.map((m) => m.id)).not.toContain(kept)

    await restoreMemory(me, b)
    expect((await listRecentlyDeleted(me)).map((m) => m.id)).toEqual([a])
  })

  it('leaves out deletions older than the undo window and other people’s deletions', async () => {
    const me = await sessionFor(await createUser())
    const other = await sessionFor(await createUser())
    const old = await captured(me, 'an old note', 'general')
    const theirs = await captured(other, 'their note', 'general')
    await deleteMemory(me, old)
    await deleteMemory(other, theirs)
    const db = await getDb()
    await db.update(memories).set({ deletedAt: new Date(Date.now() - 31 * 86_400_000) }).where(eq(memories.id, old))
    expect(await listRecentlyDeleted(me)).toEqual([])
  })

  it('keeps a locked tier locked, and logs the read of an open protected one', async () => {
    const user = await createUser()
    const locked = await sessionFor(user)
    const id = await captured(locked, 'the safe code is 7731', 'secret')
    await deleteMemory(locked, id)
    const [item] = await listRecentlyDeleted(locked)
    expect(item).toMatchObject({ id, tier: 'secret', locked: true })
    expect(item).not.toHaveProperty('content')

    const open = await sessionFor(user, { unlocks: { '3': new Date(Date.now() + 600_000).toISOString() } })
    const [readable] = await listRecentlyDeleted(open)
    expect(readable).toMatchObject({ id, content: 'the safe code is 7731' })
    const reads = (await (await getDb()).select().from(accessLog).where(eq(accessLog.userId, user.id))).filter((r) => r.action === 'memory.read')
    expect(reads.some((r) => (r.details as { ids?: string[] }).ids?.includes(id))).toBe(true)
  })
})
