import { describe, expect, it } from 'vitest'
import { EMPTY_SEARCH, MAX_PAGES, PAGE_SIZE, parseSearchParams, searchHref, searchInputFor, startOfDay } from '@/app/(app)/search/params'

describe('parseSearchParams', () => {
  it('reads the query and every filter, from a page’s params or a URLSearchParams', () => {
    const expected = { q: 'hospital', tiers: ['chronological', 'general'], from: '2026-03-01', to: '2026-03-31', tags: ['family', 'work'], source: 'telegram', page: 2 }
    const fromRecord = parseSearchParams({ q: ' hospital ', tier: ['general', 'chronological'], from: '2026-03-01', to: '2026-03-31', tag: ['family', 'work'], source: 'telegram', page: '2' })
    expect(fromRecord).toEqual({ state: expected, problems: {} })
    const fromUrl = parseSearchParams(new URLSearchParams('q=hospital&tier=general,chronological&from=2026-03-01&to=2026-03-31&tag=family&tag=work&source=telegram&page=2'))
    expect(fromUrl).toEqual({ state: expected, problems: {} })
  })

  it('drops unknown tiers and sources without a word (they filter nothing real)', () => {
    const { state, problems } = parseSearchParams({ q: 'x', tier: ['topsecret', 'secret', 'SECRET', ''], source: 'fax' })
    expect(state.tiers).toEqual(['secret'])
    expect(state.source).toBe('')
    expect(problems).toEqual({})
  })

  it('ignores a date that is not one, and says so', () => {
    for (const bad of ['2026-13-45', '2026-02-30', 'yesterday', '03/01/2026', '2026-3-1', '<script>']) {
      const { state, problems } = parseSearchParams({ q: 'x', from: bad, to: bad })
      expect(state.from, bad).toBe('')
      expect(state.to, bad).toBe('')
      expect(problems.from, bad).toMatch(/is not a date \(use YYYY-MM-DD\), so the start date is ignored/)
      expect(problems.to, bad).toMatch(/so the end date is ignored/)
    }
    expect(parseSearchParams({ from: '2028-02-29' }).state.from).toBe('2028-02-29')
  })

  it('shortens what it quotes back from the address', () => {
    const { problems } = parseSearchParams({ from: 'x'.repeat(300) })
    expect(problems.from!.length).toBeLessThan(120)
  })

  it('reports a range that ends before it starts, keeping both dates', () => {
    const { state, problems } = parseSearchParams({ q: 'x', from: '2026-03-10', to: '2026-03-01' })
    expect(state).toMatchObject({ from: '2026-03-10', to: '2026-03-01' })
    expect(problems.to).toBe('The date range ends before it starts: choose an end date on or after the start date.')
    expect(parseSearchParams({ from: '2026-03-01', to: '2026-03-01' }).problems).toEqual({})
  })

  it('bounds the query, the tags and the page', () => {
    const { state } = parseSearchParams({
      q: 'a'.repeat(600),
      tag: [...Array.from({ length: 12 }, (_, i) => `t${i}`), 't1', 'x'.repeat(41)],
      page: '999',
    })
    expect(state.q).toHaveLength(500)
    expect(state.tags).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`))
    expect(state.page).toBe(MAX_PAGES)
    for (const page of ['0', '-3', 'two', '1.5', '']) expect(parseSearchParams({ page }).state.page, page).toBe(1)
  })

  it('takes the first of repeated single values and never throws on odd shapes', () => {
    expect(parseSearchParams({ q: ['first', 'second'], source: ['app', 'api'] }).state).toMatchObject({ q: 'first', source: 'app' })
    expect(parseSearchParams({}).state).toEqual(EMPTY_SEARCH)
    expect(parseSearchParams({ q: undefined, tier: undefined }).state).toEqual(EMPTY_SEARCH)
  })
})

describe('searchHref', () => {
  it('leaves out empty values and page 1, and round-trips through the parser', () => {
    expect(searchHref(EMPTY_SEARCH)).toBe('/search')
    expect(searchHref({ ...EMPTY_SEARCH, q: 'a b&c' })).toBe('/search?q=a+b%26c')
    const state = { q: 'mom “quoted”', tiers: ['secret' as const, 'general' as const], from: '2026-01-01', to: '2026-02-01', tags: ['a,b?', 'c'], source: 'whatsapp' as const, page: 3 }
    const href = searchHref(state)
    expect(href).toBe('/search?q=mom+%E2%80%9Cquoted%E2%80%9D&tier=general&tier=secret&from=2026-01-01&to=2026-02-01&tag=a%2Cb%3F&tag=c&source=whatsapp&page=3')
    expect(parseSearchParams(new URL(href, 'http://x').searchParams).state).toEqual({ ...state, tiers: ['general', 'secret'] })
  })
})

describe('startOfDay', () => {
  it('is midnight in the person’s time zone, daylight saving included', () => {
    expect(startOfDay('2026-03-01', 'UTC').toISOString()).toBe('2026-03-01T00:00:00.000Z')
    expect(startOfDay('2026-03-01', 'Europe/Paris').toISOString()).toBe('2026-02-28T23:00:00.000Z')
    expect(startOfDay('2026-07-01', 'Europe/Paris').toISOString()).toBe('2026-06-30T22:00:00.000Z')
    // The day the clocks go forward in Paris still starts at local midnight (UTC+1).
    expect(startOfDay('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z')
    expect(startOfDay('2026-03-29', 'Europe/Paris', 1).toISOString()).toBe('2026-03-29T22:00:00.000Z')
    expect(startOfDay('2026-11-01', 'America/Los_Angeles').toISOString()).toBe('2026-11-01T07:00:00.000Z')
    expect(startOfDay('2026-03-01', 'Asia/Kolkata').toISOString()).toBe('2026-02-28T18:30:00.000Z')
    expect(startOfDay('2026-12-31', 'Pacific/Kiritimati', 1).toISOString()).toBe('2026-12-31T10:00:00.000Z')
  })

  it('falls back to UTC for a zone it does not know', () => {
    expect(startOfDay('2026-03-01', 'Mars/Olympus_Mons').toISOString()).toBe('2026-03-01T00:00:00.000Z')
  })
})

describe('searchInputFor', () => {
  it('turns days into the instants of the person’s days and asks for one result more than it shows', () => {
    const { state } = parseSearchParams({ q: 'lunch', tier: 'general', from: '2026-03-01', to: '2026-03-01', tag: 'food', source: 'app', page: '2' })
    expect(searchInputFor(state, 'Europe/Paris')).toEqual({
      query: 'lunch',
      tiers: ['general'],
      from: '2026-02-28T23:00:00.000Z',
      to: '2026-03-01T22:59:59.999Z',
      tags: ['food'],
      source: 'app',
      limit: PAGE_SIZE * 2 + 1,
      offset: 0,
    })
  })

  it('has nothing to search without a query and filters, or with a reversed range; filters alone list', () => {
    expect(searchInputFor(parseSearchParams({}).state, 'UTC')).toBeNull()
    expect(searchInputFor(parseSearchParams({ tag: 'family' }).state, 'UTC')).toEqual({ query: '', tags: ['family'], limit: PAGE_SIZE + 1, offset: 0 })
    expect(searchInputFor(parseSearchParams({ q: 'x', from: '2026-03-02', to: '2026-03-01' }).state, 'UTC')).toBeNull()
    expect(searchInputFor(parseSearchParams({ q: 'x' }).state, 'UTC')).toEqual({ query: 'x', limit: PAGE_SIZE + 1, offset: 0 })
  })
})
