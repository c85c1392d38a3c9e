// Filters without search words ("everything tagged #family"): the readable memories that pass
// them, newest first, shaped like search hits so the search page lists them the same way.
import type { Principal } from '@/lib/auth/principal'
import type { RequestInfo } from '@/lib/http/request-info'
import { listMemories, type PublicMemory } from '@/lib/memories'
import type { SearchHit, SearchInput } from './index'
import { parseQuery } from './query'
import { highlighter } from './text'

/** How many memories a filter alone looks through (the newest). */
const SCAN = 500

export async function browse(principal: Principal, input: Omit<SearchInput, 'query'>, info?: RequestInfo): Promise<{ items: SearchHit[] }> {
  const { items } = await listMemories(principal, { tiers: input.tiers, from: input.from, to: input.to, limit: SCAN }, info)
  const snippet = highlighter(parseQuery(''))
  const wanted = (m: PublicMemory) => (!input.tags?.length || input.tags.some((t) => m.tags.includes(t))) && (!input.source || m.source === input.source)
  const shown = items.filter((m): m is PublicMemory => !('locked' in m)).filter(wanted)
  return { items: shown.slice(input.offset, input.offset + input.limit).map((memory) => ({ memory, score: 0, highlights: [snippet(memory.content)], matched_by: [] })) }
}
