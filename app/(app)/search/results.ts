// What the search page shows for an address: the search its parameters ask for, run for the
// signed-in person. The parser (./params) lets only valid input through, so a bad address
// never reaches lib/search as an error.
import type { Principal } from '@/lib/auth/principal'
import type { RequestInfo } from '@/lib/http/request-info'
import { search, type SearchHit } from '@/lib/search'
import { browse } from '@/lib/search/browse'
import { MAX_PAGES, PAGE_SIZE, searchInputFor, type SearchState } from './params'

/** Nothing to search (no query, or a date range that ends before it starts), or the results. */
export type SearchOutcome = { kind: 'none' } | { kind: 'results'; hits: SearchHit[]; more: boolean }

export async function findResults(principal: Principal, state: SearchState, info?: RequestInfo): Promise<SearchOutcome> {
  const input = searchInputFor(state, principal.user.timezone)
  if (!input) return { kind: 'none' }
  const { items } = input.query ? await search(principal, input, info) : await browse(principal, input, info)
  const shown = PAGE_SIZE * state.page
  return { kind: 'results', hits: items.slice(0, shown), more: items.length > shown && state.page < MAX_PAGES }
}
