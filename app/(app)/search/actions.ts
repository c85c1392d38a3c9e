'use server'
// The search box's server action; it checks the session itself.
import { headers } from 'next/headers'
import { searchSchema } from '@/app/api/v1/search/schema'
import { requireActionUser } from '@/lib/auth/page'
import { actionError, echo } from '@/lib/http/action-error'
import type { ActionResult } from '@/lib/http/action-result'
import { requestInfo } from '@/lib/http/request-info'
import { parseWith } from '@/lib/http/route'
import { search, type SearchHit } from '@/lib/search'

export async function searchAction(_prev: ActionResult<SearchHit[]>, form: FormData): Promise<ActionResult<SearchHit[]>> {
  try {
    const principal = await requireActionUser()
    const tiers = form.getAll('tiers').filter((t) => typeof t === 'string' && t)
    const input = parseWith(
      searchSchema,
      {
        query: form.get('query') ?? '',
        ...(tiers.length ? { tiers } : {}),
        ...(form.get('from') ? { from: form.get('from') } : {}),
        ...(form.get('to') ? { to: form.get('to') } : {}),
        limit: 50,
      },
      'search',
    )
    const { items } = await search(principal, input, requestInfo(await headers()))
    return { status: 'ok', data: items, message: items.length ? `${items.length} found` : 'Nothing found.', values: echo(form, 'query', 'from', 'to') }
  } catch (error) {
    return actionError(error, 'search', echo(form, 'query', 'from', 'to'))
  }
}
