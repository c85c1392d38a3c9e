'use server'
// The search box's server action: while the person types, the few best memories for the
// search taking shape (its query and filters, as the address the form would go to), shown
// under the box. Searching itself still goes to that address, so results stay linkable.
import { headers } from 'next/headers'
import { requireActionUser } from '@/lib/auth/page'
import { AppError } from '@/lib/errors'
import { actionError } from '@/lib/http/action-error'
import type { ActionResult } from '@/lib/http/action-result'
import { requestInfo } from '@/lib/http/request-info'
import { search } from '@/lib/search'
import { parseSearchParams, QUICK_RESULTS, searchInputFor, type QuickResult } from './params'

/** An address is a few hundred characters; the query alone may be 500 of them, escaped. */
const MAX_HREF = 4_000

export async function quickSearchAction(href: unknown): Promise<ActionResult<QuickResult[]>> {
  try {
    const principal = await requireActionUser()
    if (typeof href !== 'string' || href.length > MAX_HREF || !href.startsWith('/search')) {
      throw new AppError('bad_request:search', { message: 'Not a search.', fieldErrors: { q: ['Not a search address.'] } })
    }
    const { state } = parseSearchParams(new URLSearchParams(href.split('?')[1] ?? ''))
    const input = searchInputFor({ ...state, page: 1 }, principal.user.timezone)
    if (!input?.query) return { status: 'ok', data: [] }
    const { items } = await search(principal, { ...input, limit: QUICK_RESULTS }, requestInfo(await headers()))
    return {
      status: 'ok',
      data: items.map((hit) => ({ id: hit.memory.id, tier: hit.memory.tier, highlight: hit.highlights[0] ?? '', occurredAt: hit.memory.occurred_at })),
    }
  } catch (error) {
    return actionError(error, 'quick search')
  }
}
