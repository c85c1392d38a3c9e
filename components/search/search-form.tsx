'use client'

import { useState, type FormEvent, type RefObject } from 'react'
import { searchHref, type SearchProblems, type SearchState } from '@/app/(app)/search/params'
import { Button } from '@/components/ui/button'
import { SearchFilters } from './search-filters'

interface Props {
  state: SearchState
  problems: SearchProblems
  tags: string[]
  pending: boolean
  onSearch: (next: SearchState) => void
  queryRef: RefObject<HTMLInputElement | null>
}

/**
 * The query box and the filters. What is typed is a draft until it is searched (Enter or the
 * buttons); a chip or a tier toggled applies at once. When the address changes from outside
 * (Back, Forward, a link), the draft follows it.
 */
export function SearchForm({ state, problems, tags, pending, onSearch, queryRef }: Props) {
  const href = searchHref(state)
  const [draft, setDraft] = useState(state)
  const [tagText, setTagText] = useState('')
  const [shown, setShown] = useState(href)
  if (shown !== href) {
    setShown(href)
    setDraft(state)
    setTagText('')
  }

  const apply = (next: SearchState) => {
    setDraft(next)
    onSearch({ ...next, page: 1 })
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const typed = tagText.trim()
    // A typed tag takes the spelling of one of the person's own tags when it is one of them.
    const tag = typed ? (tags.find((t) => t.toLowerCase() === typed.toLowerCase()) ?? typed) : ''
    setTagText('')
    apply({ ...draft, q: draft.q.trim(), tags: tag && !draft.tags.includes(tag) ? [...draft.tags, tag] : draft.tags })
  }

  return (
    <form role="search" action="/search" method="get" onSubmit={submit} className="flex flex-col gap-3">
      <div className="flex flex-col gap-1.5">
        <label htmlFor="query" className="text-sm font-medium">
          Search your memories
        </label>
        <div className="flex gap-2">
          <input
            ref={queryRef}
            id="query"
            name="q"
            type="search"
            maxLength={500}
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            // A search page opened without a query (the app's search shortcut) is for typing one.
            autoFocus={!state.q}
            aria-keyshortcuts="/"
            aria-describedby="query-hint"
            autoComplete="off"
            enterKeyHint="search"
            className="min-w-0 flex-1 rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100 dark:focus-visible:outline-blue-400"
          />
          <Button type="submit" aria-busy={pending}>
            Search
          </Button>
        </div>
        <p id="query-hint" className="text-sm text-slate-600 dark:text-slate-400">
          Words, &quot;a phrase&quot;, -word to leave one out; typos are forgiven.<span className="hidden sm:inline"> Press / to come back here.</span>
        </p>
      </div>
      <SearchFilters
        draft={draft}
        applied={state}
        problems={problems}
        tags={tags}
        tagText={tagText}
        onDraft={setDraft}
        onTagText={setTagText}
        onApply={apply}
      />
    </form>
  )
}
