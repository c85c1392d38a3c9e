// The word lists bring the columns of their first rows only (as many as the page can take from
// each); a memory that reaches the page from lower down in two of them is read on its own.
import { beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@/db/schema'
import type { Principal } from '@/lib/auth/principal'
import { captureMemory } from '@/lib/memories'
import { search } from '@/lib/search'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { sessionFor } from '../fixtures/principal'

setupTestDatabase()

let user: User
let session: Principal

beforeAll(async () => {
  user = await createUser()
  session = await sessionFor(user)
  // "walk" ranks the first above the third; "hospital", the typo's correction, the second
  // above the third: the third is second in both lists, and first once they are fused.
  for (const content of ['Walk, walk, walk: the long walk home', 'Hospital, hospital: the hospital again', 'A walk to the hospital', 'Tea in the garden']) {
    await captureMemory(session, { content, tier: 'general' })
  }
})

describe('the page of a search whose lists came with only some of their rows', () => {
  it('shows a memory that made the page from the second place of two lists, with all it holds', async () => {
    const words = ['fts', 'fuzzy'] as const
    const one = await search(session, { query: 'walk hospitl', limit: 1, offset: 0, signals: [...words] })
    expect(one.items).toHaveLength(1)
    expect(one.items[0].memory.content).toBe('A walk to the hospital')
    expect(one.items[0].memory.tier).toBe('general')
    expect(one.items[0].matched_by).toEqual(['fts', 'fuzzy'])
    expect(one.items[0].highlights[0]).toBe('A <mark>walk</mark> to the <mark>hospital</mark>')
    // The same memory, the same score and the same order as a page wide enough for every row.
    const three = await search(session, { query: 'walk hospitl', limit: 3, offset: 0, signals: [...words] })
    expect(three.items[0]).toEqual(one.items[0])
    expect(three.items.map((h) => h.memory.content).sort()).toEqual(['A walk to the hospital', 'Hospital, hospital: the hospital again', 'Walk, walk, walk: the long walk home'])
    const second = await search(session, { query: 'walk hospitl', limit: 1, offset: 1, signals: [...words] })
    expect(second.items[0]).toEqual(three.items[1])
  })
})
