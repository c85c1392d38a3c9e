// The search box's server action, called as the app calls it: the session comes from the
// request (mocked here), the input is whatever the client sent.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { quickSearchAction } from '@/app/(app)/search/actions'
import { QUICK_RESULTS } from '@/app/(app)/search/params'
import type { Principal } from '@/lib/auth/principal'
import { captureMemory } from '@/lib/memories'
import { createUser } from '../fixtures/accounts'
import { signedIn } from '../fixtures/action-user'
import { setupTestDatabase } from '../fixtures/db'
import { sessionFor } from '../fixtures/principal'

vi.mock('@/lib/auth/page', async () => (await import('../fixtures/action-user')).actionAuth())
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'user-agent': 'vitest' }) }))

setupTestDatabase()

let unlocked: Principal
let locked: Principal

beforeAll(async () => {
  const user = await createUser()
  const far = new Date(Date.now() + 3_600_000).toISOString()
  unlocked = await sessionFor(user, { unlocks: { '3': far } })
  locked = await sessionFor(user)
  const notes: [string, string, string][] = [
    ['Visited grandma at the hospital after her fall', 'chronological', '2026-02-10T10:00:00Z'],
    ['Hospital parking costs went up again', 'general', '2026-03-05T09:00:00Z'],
    ['The locker code at the hospital gym is 7731', 'secret', '2026-03-06T08:00:00Z'],
  ]
  for (const [content, tier, occurred_at] of notes) await captureMemory(unlocked, { content, tier: tier as never, occurred_at })
  for (let i = 0; i < 8; i++) await captureMemory(unlocked, { content: `hospital visit number ${i + 1}`, tier: 'general' })
})

const contents = async (href: unknown) => {
  const result = await quickSearchAction(href)
  if (result.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`)
  return result.data ?? []
}

describe('quickSearchAction', () => {
  it('answers the few best memories for a typed query, typos forgiven, matches marked', async () => {
    signedIn.principal = locked
    const items = await contents('/search?q=hospitl')
    expect(items.length).toBe(QUICK_RESULTS)
    const grandma = (await contents('/search?q=grandma%20hospitl')).find((i) => i.highlight.includes('grandma'))
    expect(grandma?.highlight).toContain('<mark>hospital</mark>')
    expect(grandma?.tier).toBe('chronological')
    expect(grandma?.occurredAt).toBe('2026-02-10T10:00:00.000Z')
  })

  it('applies the filters of the address, and answers nothing for a range that ends before it starts', async () => {
    signedIn.principal = locked
    const general = await contents('/search?q=hospital&tier=general')
    expect(general.length).toBeGreaterThan(0)
    expect(general.every((i) => i.tier === 'general')).toBe(true)
    expect(await contents('/search?q=hospital&from=2026-03-10&to=2026-02-01')).toEqual([])
    expect(await contents('/search?q=')).toEqual([])
  })

  it('never offers a locked tier, and offers an unlocked one', async () => {
    signedIn.principal = locked
    expect((await contents('/search?q=locker')).map((i) => i.tier)).toEqual([])
    signedIn.principal = unlocked
    expect((await contents('/search?q=locker')).map((i) => i.tier)).toEqual(['secret'])
  })

  it('refuses what is not a search address, and a signed-out caller', async () => {
    signedIn.principal = locked
    for (const bad of [42, null, { q: 'hospital' }, '/home?q=hospital', `/search?q=${'a'.repeat(5_000)}`]) {
      const result = await quickSearchAction(bad)
      expect(result.status).toBe('invalid')
    }
    signedIn.principal = null
    const result = await quickSearchAction('/search?q=hospital')
    expect(result).toMatchObject({ status: 'error', code: 'unauthorized:session' })
  })
})
