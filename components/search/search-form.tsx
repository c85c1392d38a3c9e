'use client'

import { useRouter } from 'next/navigation'
import { useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react'
import { searchHref, type QuickResult, type SearchProblems, type SearchState } from '@/app/(app)/search/params'
import { Button } from '@/components/ui/button'
import { optionId, QuickResults, useQuickResults } from './quick-results'
import { SearchFilters } from './search-filters'

interface Props {
  state: SearchState
  problems: SearchProblems
  tags: string[]
  pending: boolean
  onSearch: (next: SearchState) => void
  queryRef: RefObject<HTMLInputElement | null>
  timeZone: string
}

const QUICK_LIST = 'quick-results'

/**
 * The query box and the filters. What is typed is a draft until it is searched (Enter or the
 * buttons); a chip or a tier toggled applies at once. When the address changes from outside
 * (Back, Forward, a link), the draft follows it. While a draft query differs from the search
 * shown, the box offers its few best memories (a combobox: arrow keys pick one, Enter opens
 * it, Escape closes the list; Enter with none picked searches).
 */
export function SearchForm({ state, problems, tags, pending, onSearch, queryRef, timeZone }: Props) {
  const router = useRouter()
  const href = searchHref(state)
  const [draft, setDraft] = useState(state)
  const [tagText, setTagText] = useState('')
  const [shown, setShown] = useState(href)
  const [listOpen, setListOpen] = useState(false)
  const [active, setActive] = useState(-1)
  if (shown !== href) {
    setShown(href)
    setDraft(state)
    setTagText('')
    setListOpen(false)
  }
  const typed = draft.q.trim()
  const draftHref = searchHref({ ...draft, q: typed, page: 1 })
  const quick = useQuickResults(typed.length >= 2 && draftHref !== searchHref({ ...state, page: 1 }) ? draftHref : null)
  const listShown = listOpen && quick.length > 0

  const apply = (next: SearchState) => {
    setDraft(next)
    setListOpen(false)
    onSearch({ ...next, page: 1 })
  }

  const open = (item: QuickResult) => {
    setListOpen(false)
    router.push(`/memories/${item.id}`)
  }

  const onQueryKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && quick.length > 0) {
      event.preventDefault()
      setListOpen(true)
      setActive(listShown ? Math.min(active + 1, quick.length - 1) : 0)
    } else if (event.key === 'ArrowUp' && listShown) {
      event.preventDefault()
      setActive(Math.max(active - 1, -1))
    } else if (event.key === 'Escape' && listShown) {
      // Closes the list only; a second Escape clears the box as usual.
      event.preventDefault()
      setListOpen(false)
    } else if (event.key === 'Enter' && listShown && active >= 0 && quick[active]) {
      event.preventDefault()
      open(quick[active])
    }
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
          <div className="relative min-w-0 flex-1">
            <input
              ref={queryRef}
              id="query"
              name="q"
              type="search"
              role="combobox"
              aria-expanded={listShown}
              aria-controls={listShown ? QUICK_LIST : undefined}
              aria-autocomplete="list"
              aria-activedescendant={listShown && active >= 0 && quick[active] ? optionId(quick[active].id) : undefined}
              maxLength={500}
              value={draft.q}
              onChange={(e) => {
                setDraft({ ...draft, q: e.target.value })
                setListOpen(true)
                setActive(-1)
              }}
              onKeyDown={onQueryKey}
              onBlur={() => setListOpen(false)}
              // A search page opened without a query (the app's search shortcut) is for typing one.
              autoFocus={!state.q}
              aria-keyshortcuts="/"
              aria-describedby="query-hint"
              autoComplete="off"
              enterKeyHint="search"
              className="w-full rounded-lg border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100 dark:focus-visible:outline-blue-400"
            />
            {listShown && <QuickResults id={QUICK_LIST} items={quick} active={active} timeZone={timeZone} onChoose={open} />}
          </div>
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
