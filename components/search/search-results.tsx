'use client'

import Link from 'next/link'
import { useEffect, useMemo, useRef } from 'react'
import { activeFilterCount, type SearchProblems, type SearchState } from '@/app/(app)/search/params'
import { TierBadge } from '@/components/capture/tier-badge'
import { Protected } from '@/components/security/protected'
import { Button } from '@/components/ui/button'
import { dateOnly } from '@/lib/dates'
import type { SearchHit } from '@/lib/search'
import type { SearchOutcome } from '@/app/(app)/search/results'

const MATCHED: Record<SearchHit['matched_by'][number], string> = { fts: 'words', fuzzy: 'typo', semantic: 'meaning' }

interface Props {
  state: SearchState
  problems: SearchProblems
  outcome: SearchOutcome
  pending: boolean
  timeZone: string
  onMore: () => void
  onClearFilters: () => void
}

/** How much of the query the status line repeats (a query may be 500 characters long). */
const ECHOED = 80

/** The one line screen readers hear after each search. */
function statusText(state: SearchState, problems: SearchProblems, outcome: SearchOutcome, pending: boolean): string {
  if (pending) return 'Searching…'
  if (outcome.kind === 'none') return state.q && problems.to ? 'Nothing searched: the date range ends before it starts.' : ''
  const n = outcome.hits.length
  if (!state.q) {
    if (n === 0) return 'No memory passes these filters.'
    return outcome.more ? `Showing the newest ${n} memories that pass the filters; there are more.` : `${n} ${n === 1 ? 'memory passes' : 'memories pass'} the filters.`
  }
  const q = state.q.length > ECHOED ? `${state.q.slice(0, ECHOED)}…` : state.q
  if (n === 0) return `Nothing matched “${q}”.`
  return outcome.more ? `Showing the first ${n} results for “${q}”; there are more.` : `${n} ${n === 1 ? 'result' : 'results'} for “${q}”.`
}

export function SearchResults({ state, problems, outcome, pending, timeZone, onMore, onClearFilters }: Props) {
  const hits = useMemo(() => (outcome.kind === 'results' ? outcome.hits : []), [outcome])
  const list = useRef<HTMLOListElement>(null)
  // After "More results", the focus goes to the first new result rather than staying at the bottom.
  const focusFrom = useRef<number | null>(null)

  useEffect(() => {
    const from = focusFrom.current
    if (from === null || hits.length <= from) return
    focusFrom.current = null
    list.current?.querySelectorAll<HTMLAnchorElement>('a[data-result]')[from]?.focus()
  }, [hits])

  const status = statusText(state, problems, outcome, pending)
  return (
    <section aria-label="Search results" className="flex flex-col gap-3">
      <p role="status" aria-live="polite" aria-atomic="true" className="min-h-5 text-sm break-words text-slate-700 dark:text-slate-300" data-testid="search-status">
        {status}
      </p>
      {outcome.kind === 'none' && !state.q && (
        <p className="text-slate-700 dark:text-slate-300">
          Type what you remember. mnemo finds the words you wrote, forgives typos, and also finds memories that mean something close.
        </p>
      )}
      {outcome.kind === 'results' && hits.length === 0 && (
        <div className="flex flex-col items-start gap-2 rounded-xl border border-dashed border-slate-400 p-4 text-slate-700 dark:border-slate-500 dark:text-slate-300" data-testid="search-empty">
          <p>Try other or fewer words{activeFilterCount(state) > 0 ? ', or search without the filters' : ''}.</p>
          {activeFilterCount(state) > 0 && (
            <Button type="button" variant="secondary" onClick={onClearFilters}>
              Clear filters
            </Button>
          )}
        </div>
      )}
      {hits.length > 0 && (
        <ol ref={list} aria-label="Results" aria-busy={pending} className={`flex flex-col gap-3 ${pending ? 'opacity-60' : ''}`}>
          {hits.map((hit) => (
            <li key={hit.memory.id} data-testid="search-hit">
              <article className="flex flex-col gap-2 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
                  <TierBadge tier={hit.memory.tier} />
                  <time dateTime={hit.memory.occurred_at}>{dateOnly(hit.memory.occurred_at, timeZone)}</time>
                  {hit.matched_by.length > 0 && (
                    <>
                      <span aria-hidden>·</span>
                      <span>matched by</span>
                      <ul className="flex flex-wrap gap-1" data-testid="matched-by">
                        {hit.matched_by.map((kind) => (
                          <li key={kind} className="rounded bg-slate-200 px-1.5 py-0.5 font-medium text-slate-800 dark:bg-slate-700 dark:text-slate-100">
                            {MATCHED[kind]}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </div>
                {/* Protected text leaves the screen when its unlock window ends or is locked. */}
                <Protected tier={hit.memory.tier} fallback={<p className="text-slate-600 italic dark:text-slate-300">Locked. Unlock the {hit.memory.tier} tier to read it.</p>}>
                  <Link
                    href={`/memories/${hit.memory.id}`}
                    // Not prefetched: twenty results would cost forty server requests for pages rarely opened.
                    prefetch={false}
                    data-result
                    className="rounded break-words text-slate-900 underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:text-slate-100 dark:focus-visible:outline-blue-400"
                  >
                    {/* Highlights are escaped on the server; only <mark> is markup. */}
                    <span dangerouslySetInnerHTML={{ __html: hit.highlights[0] ?? '' }} />
                  </Link>
                  {hit.memory.tags.length > 0 && <p className="text-xs text-slate-600 dark:text-slate-400">{hit.memory.tags.map((t) => `#${t}`).join(' ')}</p>}
                </Protected>
              </article>
            </li>
          ))}
        </ol>
      )}
      {outcome.kind === 'results' && outcome.more && (
        <div>
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() => {
              focusFrom.current = hits.length
              onMore()
            }}
          >
            More results
          </Button>
        </div>
      )}
    </section>
  )
}
