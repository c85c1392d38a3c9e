// The search page's state lives in its address: /search?q=&tier=&from=&to=&tag=&source=&page=.
// Parsed leniently, since anyone can type or share a link: unknown tiers and sources are dropped,
// a date that is not a date is ignored with a message, a range that ends before it starts is
// reported instead of searched. Client-safe: the form builds its links with the same code.
import { SOURCES } from '@/lib/memories/schema'
import type { SearchInput } from '@/lib/search'
import { zoneOffset } from '@/lib/dates'
import { TIERS, type Tier } from '@/lib/tiers'

export type Source = (typeof SOURCES)[number]
export { SOURCES }

/** Results per page; "More results" shows one more page, up to MAX_PAGES. */
export const PAGE_SIZE = 20
export const MAX_PAGES = 5
/** How many memories the search box shows while the person types. */
export const QUICK_RESULTS = 5
const MAX_QUERY = 500
const MAX_TAGS = 10
const MAX_TAG_LENGTH = 40

export interface SearchState {
  q: string
  tiers: Tier[]
  /** YYYY-MM-DD, a day in the user's time zone, or '' */
  from: string
  to: string
  tags: string[]
  source: Source | ''
  page: number
}

export interface SearchProblems {
  from?: string
  to?: string
}

/** One of the search box's quick results. `highlight` is escaped HTML in which only <mark> is markup. */
export interface QuickResult {
  id: string
  tier: Tier
  highlight: string
  occurredAt: string
}

export const EMPTY_SEARCH: SearchState = { q: '', tiers: [], from: '', to: '', tags: [], source: '', page: 1 }

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>

function values(params: ParamSource, name: string): string[] {
  const raw = params instanceof URLSearchParams ? params.getAll(name) : [params[name] ?? []].flat()
  return raw.filter((v): v is string => typeof v === 'string')
}

/** Repeated parameters and comma-separated lists both work (`tier=a&tier=b`, `tier=a,b`); tags repeat only. */
function list(params: ParamSource, name: string): string[] {
  return values(params, name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)
}

function isDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = match.slice(1).map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

const shown = (value: string) => (value.length > 24 ? `${value.slice(0, 24)}…` : value)

export function parseSearchParams(params: ParamSource): { state: SearchState; problems: SearchProblems } {
  const problems: SearchProblems = {}
  const q = (values(params, 'q')[0] ?? '').trim().slice(0, MAX_QUERY)
  const tiers = TIERS.filter((t) => list(params, 'tier').includes(t))
  const day = (name: 'from' | 'to', label: string) => {
    const value = (values(params, name)[0] ?? '').trim()
    if (!value || isDay(value)) return value
    problems[name] = `“${shown(value)}” is not a date (use YYYY-MM-DD), so the ${label} date is ignored.`
    return ''
  }
  const from = day('from', 'start')
  const to = day('to', 'end')
  if (from && to && to < from) problems.to = 'The date range ends before it starts: choose an end date on or after the start date.'
  const tags = [...new Set(values(params, 'tag').map((t) => t.trim()).filter((t) => t && t.length <= MAX_TAG_LENGTH))].slice(0, MAX_TAGS)
  const sourceValue = values(params, 'source')[0] ?? ''
  const source = SOURCES.find((s) => s === sourceValue) ?? ''
  const pageValue = values(params, 'page')[0] ?? ''
  const page = /^\d{1,3}$/.test(pageValue) ? Math.min(Math.max(Number(pageValue), 1), MAX_PAGES) : 1
  return { state: { q, tiers, from, to, tags, source, page }, problems }
}

/** The address of a search; empty values and page 1 are left out. */
export function searchHref(state: Partial<SearchState>): string {
  const params = new URLSearchParams()
  if (state.q) params.set('q', state.q)
  for (const tier of TIERS.filter((t) => state.tiers?.includes(t))) params.append('tier', tier)
  if (state.from) params.set('from', state.from)
  if (state.to) params.set('to', state.to)
  for (const tag of state.tags ?? []) params.append('tag', tag)
  if (state.source) params.set('source', state.source)
  if (state.page && state.page > 1) params.set('page', String(state.page))
  const query = params.toString()
  return query ? `/search?${query}` : '/search'
}

export function activeFilterCount(state: SearchState): number {
  return (state.tiers.length ? 1 : 0) + (state.from || state.to ? 1 : 0) + (state.tags.length ? 1 : 0) + (state.source ? 1 : 0)
}

/** The first instant of a calendar day (YYYY-MM-DD) in a time zone; `dayOffset` moves the day. */
export function startOfDay(day: string, timeZone: string, dayOffset = 0): Date {
  const [year, month, date] = day.split('-').map(Number)
  const midnight = Date.UTC(year, month - 1, date + dayOffset)
  let zone = 'UTC'
  try {
    zone = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone
  } catch {
    // An unknown zone falls back to UTC rather than failing the search.
  }
  const first = midnight - zoneOffset(midnight, zone)
  // Once more at the guessed instant, in case a daylight-saving change lies in between.
  return new Date(midnight - zoneOffset(first, zone))
}

/**
 * What lib/search is asked for this state: the days become instants in the user's time zone
 * (from the start of `from` to the end of `to`); one result more than the pages shown tells
 * whether there are more. Null when there is nothing to search (no query, or a reversed range).
 */
export function searchInputFor(state: SearchState, timeZone: string): SearchInput | null {
  // Filters alone (a tag, a tier, dates, a source) list what passes them; nothing at all is no search.
  if ((!state.q && activeFilterCount(state) === 0) || (state.from && state.to && state.to < state.from)) return null
  return {
    query: state.q,
    ...(state.tiers.length ? { tiers: state.tiers } : {}),
    ...(state.from ? { from: startOfDay(state.from, timeZone).toISOString() } : {}),
    ...(state.to ? { to: new Date(startOfDay(state.to, timeZone, 1).getTime() - 1).toISOString() } : {}),
    ...(state.tags.length ? { tags: state.tags } : {}),
    ...(state.source ? { source: state.source } : {}),
    limit: PAGE_SIZE * state.page + 1,
    offset: 0,
  }
}
