'use client'

import { useActionState } from 'react'
import { searchAction } from '@/app/(app)/search/actions'
import { TierBadge } from '@/components/capture/tier-badge'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { echoedValues, IDLE, type ActionResult } from '@/lib/http/action-result'
import type { SearchHit } from '@/lib/search'
import { TIERS } from '@/lib/tiers'

const MATCHED: Record<string, string> = { fts: 'words', fuzzy: 'typo', semantic: 'meaning' }

export function SearchBox() {
  const [state, action, pending] = useActionState<ActionResult<SearchHit[]>, FormData>(searchAction, IDLE as ActionResult<SearchHit[]>)
  const values = echoedValues(state)
  const hits = state.status === 'ok' ? (state.data ?? []) : []
  return (
    <div className="flex flex-col gap-4">
      <form action={action} role="search" className="flex flex-col gap-3">
        <label htmlFor="query" className="text-sm font-medium">
          Search your memories
        </label>
        <div className="flex gap-2">
          <input
            id="query"
            name="query"
            type="search"
            maxLength={500}
            defaultValue={values.query}
            placeholder='words, "a phrase", -exclude'
            className="flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:bg-slate-800"
          />
          <Button type="submit" disabled={pending}>
            {pending ? 'Searching…' : 'Search'}
          </Button>
        </div>
        <fieldset className="flex flex-wrap gap-3 text-sm">
          <legend className="mb-1 font-medium">Tiers</legend>
          {TIERS.map((tier) => (
            <label key={tier} className="flex items-center gap-1.5">
              <input type="checkbox" name="tiers" value={tier} className="size-4" />
              {tier}
            </label>
          ))}
        </fieldset>
        <div className="flex flex-wrap gap-3 text-sm">
          <label className="flex items-center gap-2">
            From <input type="date" name="from" defaultValue={values.from} className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800" />
          </label>
          <label className="flex items-center gap-2">
            To <input type="date" name="to" defaultValue={values.to} className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800" />
          </label>
        </div>
      </form>
      <FormMessage tone="error">{state.status === 'error' || state.status === 'invalid' ? state.message : null}</FormMessage>
      {state.status === 'ok' && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          {state.message}
        </p>
      )}
      <ol className="flex flex-col gap-3" aria-label="Results">
        {hits.map((hit) => (
          <li key={hit.memory.id} data-testid="search-hit" className="flex flex-col gap-1 rounded-xl border border-slate-200 p-3 dark:border-slate-700">
            <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
              <TierBadge tier={hit.memory.tier} />
              <span>{new Date(hit.memory.occurred_at).toLocaleDateString()}</span>
              <span>matched by {hit.matched_by.map((m) => MATCHED[m]).join(', ')}</span>
            </div>
            {/* Highlights are escaped on the server; only <mark> is markup. */}
            <p className="break-words [&_mark]:rounded [&_mark]:bg-yellow-200 dark:[&_mark]:bg-yellow-700" dangerouslySetInnerHTML={{ __html: hit.highlights[0] ?? '' }} />
          </li>
        ))}
      </ol>
    </div>
  )
}
