import type { Metadata } from 'next'
import { headers } from 'next/headers'
import { SearchScreen } from '@/components/search/search-screen'
import { UnlockWatch } from '@/components/security/unlock-watch'
import { requirePageUser } from '@/lib/auth/page'
import { requestInfo } from '@/lib/http/request-info'
import { unlockState } from '@/lib/memories/unlock-state'
import { listOwnTags } from '@/lib/tags'
import { parseSearchParams, searchHref } from './params'
import { findResults } from './results'

type Params = Promise<Record<string, string | string[] | undefined>>

export async function generateMetadata({ searchParams }: { searchParams: Params }): Promise<Metadata> {
  const { state } = parseSearchParams(await searchParams)
  return { title: state.q ? `“${state.q.slice(0, 60)}” · Search` : 'Search' }
}

/** The search page: everything it shows comes from its address, rendered on the server. */
export default async function SearchPage({ searchParams }: { searchParams: Params }) {
  const { state, problems } = parseSearchParams(await searchParams)
  const principal = await requirePageUser(searchHref(state))
  const renderedAt = new Date().toISOString()
  const [tags, outcome] = await Promise.all([listOwnTags(principal), findResults(principal, state, requestInfo(await headers()))])
  return (
    <>
      <UnlockWatch state={unlockState(principal)} renderedAt={renderedAt} />
      <SearchScreen state={state} problems={problems} tags={tags} outcome={outcome} timeZone={principal.user.timezone} />
    </>
  )
}
