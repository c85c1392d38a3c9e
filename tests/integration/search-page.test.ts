// The search page's server side: an address (any address) → the search it asks for → what the
// page shows. Bad values are ignored or reported, never an error.
import { beforeAll, describe, expect, it } from 'vitest'
import { parseSearchParams } from '@/app/(app)/search/params'
import { findResults, type SearchOutcome } from '@/app/(app)/search/results'
import type { Principal } from '@/lib/auth/principal'
import { captureMemory, updateMemory } from '@/lib/memories'
import { listOwnTags } from '@/lib/tags'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { sessionFor } from '../fixtures/principal'

setupTestDatabase()

let alice: Principal
let bob: Principal

/** What the page shows for `/search?…` as Alice. */
async function page(query: string): Promise<{ outcome: SearchOutcome; problems: ReturnType<typeof parseSearchParams>['problems'] }> {
  const { state, problems } = parseSearchParams(new URLSearchParams(query))
  return { outcome: await findResults(alice, state), problems }
}

const contents = (outcome: SearchOutcome) => (outcome.kind === 'results' ? outcome.hits.map((h) => h.memory.content) : [])

beforeAll(async () => {
  // Alice lives in Tokyo (UTC+9): her days start at 15:00 UTC the day before.
  const session = await sessionFor(await createUser())
  alice = { ...session, user: { ...session.user, timezone: 'Asia/Tokyo' } }
  bob = await sessionFor(await createUser())
  const capture = async (who: Principal, content: string, tier: string, occurred_at: string, extra: { source?: 'telegram'; tags?: string[] } = {}) => {
    const { memory } = await captureMemory(who, { content, tier: tier as never, occurred_at, ...(extra.source ? { source: extra.source } : {}) })
    if (extra.tags) await updateMemory(who, memory.id, { tags: extra.tags })
  }
  // 2026-03-01 16:30 UTC is 2026-03-02 01:30 in Tokyo; 02:00 UTC is 11:00 the same day.
  await capture(alice, 'Picnic by the river with the whole family', 'chronological', '2026-03-01T16:30:00Z', { tags: ['family'] })
  await capture(alice, 'Rowing on the river at dawn', 'general', '2026-03-01T02:00:00Z', { source: 'telegram' })
  await capture(alice, 'Worried the river will flood the basement again', 'confidential', '2026-03-03T09:00:00Z', { tags: ['basement-worry'] })
  await capture(alice, 'The river cabin alarm code is 4417', 'secret', '2026-03-03T10:00:00Z')
  for (let i = 1; i <= 24; i++) await capture(alice, `pebble diary ${i}: found a smooth grey pebble`, 'general', `2026-01-${String(i).padStart(2, '0')}T12:00:00Z`)
  await capture(bob, 'Bob rowed down the river too', 'chronological', '2026-03-01T02:00:00Z', { tags: ['bobs-tag'] })
})

describe('the search page for an address', () => {
  it('filters by the days of the person’s own time zone', async () => {
    expect(contents((await page('q=river&from=2026-03-02&to=2026-03-02')).outcome)).toEqual(['Picnic by the river with the whole family'])
    expect(contents((await page('q=river&from=2026-03-01&to=2026-03-01')).outcome)).toEqual(['Rowing on the river at dawn'])
    // Open-ended ranges.
    expect(contents((await page('q=river&from=2026-03-03')).outcome)).toEqual(['Worried the river will flood the basement again'])
    expect(contents((await page('q=river&to=2026-03-01')).outcome)).toEqual(['Rowing on the river at dawn'])
  })

  it('applies tiers, tags and source', async () => {
    expect(contents((await page('q=river&tier=general')).outcome)).toEqual(['Rowing on the river at dawn'])
    expect(contents((await page('q=river&tag=family')).outcome)).toEqual(['Picnic by the river with the whole family'])
    expect(contents((await page('q=river&source=telegram')).outcome)).toEqual(['Rowing on the river at dawn'])
  })

  it('shows an open protected tier, and a locked one just finds nothing', async () => {
    expect(contents((await page('q=river&tier=confidential')).outcome)).toEqual(['Worried the river will flood the basement again'])
    expect((await page('q=river&tier=secret')).outcome).toEqual({ kind: 'results', hits: [], more: false })
    expect(contents((await page('q=alarm+code')).outcome).join(' ')).not.toContain('4417')
  })

  it('ignores unknown tiers and sources and a bad date, and says which date it ignored', async () => {
    const { outcome, problems } = await page('q=river&tier=topsecret&tier=general&source=fax&from=2026-02-31&page=-1')
    expect(contents(outcome)).toEqual(['Rowing on the river at dawn'])
    expect(problems).toEqual({ from: '“2026-02-31” is not a date (use YYYY-MM-DD), so the start date is ignored.' })
  })

  it('searches nothing for a range that ends before it starts or with nothing asked; filters alone list', async () => {
    const reversed = await page('q=river&from=2026-03-05&to=2026-03-01')
    expect(reversed.outcome).toEqual({ kind: 'none' })
    expect(reversed.problems.to).toMatch(/ends before it starts/)
    const filtered = (await page('tier=general&from=2026-03-01')).outcome
    expect(filtered.kind).toBe('results')
    expect(filtered.kind === 'results' && filtered.hits.every((h) => h.memory.tier === 'general' && h.matched_by.length === 0)).toBe(true)
    expect((await page('')).outcome).toEqual({ kind: 'none' })
    expect((await page('q=%20%20')).outcome).toEqual({ kind: 'none' })
  })

  it('shows 20 results a page and says when there are more', async () => {
    const first = (await page('q=pebble')).outcome
    expect(first.kind === 'results' && first.hits.length).toBe(20)
    expect(first.kind === 'results' && first.more).toBe(true)
    const second = (await page('q=pebble&page=2')).outcome
    expect(contents(second).filter((c) => c.startsWith('pebble diary'))).toHaveLength(24)
    expect(second.kind === 'results' && second.more).toBe(false)
    // The first page is the start of the second.
    expect(contents(second).slice(0, 20)).toEqual(contents(first))
  })

  it('never shows another person’s memories', async () => {
    expect(contents((await page('q=rowed')).outcome).join(' ')).not.toContain('Bob')
  })
})

describe('listOwnTags', () => {
  it('offers the person’s tier-1 tags only: never a protected memory’s, never someone else’s', async () => {
    const tags = await listOwnTags(alice)
    expect(tags).toContain('family')
    expect(tags).not.toContain('basement-worry')
    expect(tags).not.toContain('bobs-tag')
    expect(await listOwnTags(bob)).toContain('bobs-tag')
  })
})
