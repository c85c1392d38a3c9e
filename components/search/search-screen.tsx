'use client'

import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useRef, useTransition } from 'react'
import { EMPTY_SEARCH, searchHref, type SearchProblems, type SearchState } from '@/app/(app)/search/params'
import type { SearchOutcome } from '@/app/(app)/search/results'
import { SearchForm } from './search-form'
import { SearchResults } from './search-results'

const NOT_TYPING = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image'])

/** True when a key press goes into something the person is typing in. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  return target instanceof HTMLInputElement && !NOT_TYPING.has(target.type)
}

interface Props {
  state: SearchState
  problems: SearchProblems
  tags: string[]
  outcome: SearchOutcome
  timeZone: string
}

/**
 * The search page's client side. The address is the state: searching or changing a filter
 * navigates (so links, reload and Back/Forward show the same search), and the server renders
 * the results; "/" anywhere outside a text field brings the focus back to the query box.
 */
export function SearchScreen({ state, problems, tags, outcome, timeZone }: Props) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const queryRef = useRef<HTMLInputElement>(null)

  const go = useCallback(
    (next: SearchState, how: 'push' | 'replace' = 'push') => startTransition(() => router[how](searchHref(next), { scroll: false })),
    [router],
  )

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || isTyping(event.target)) return
      event.preventDefault()
      queryRef.current?.focus()
      queryRef.current?.select()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])

  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Search</h1>
      <SearchForm state={state} problems={problems} tags={tags} pending={pending} onSearch={go} queryRef={queryRef} timeZone={timeZone} />
      <SearchResults
        state={state}
        problems={problems}
        outcome={outcome}
        pending={pending}
        timeZone={timeZone}
        onMore={() => go({ ...state, page: state.page + 1 }, 'replace')}
        onClearFilters={() => go({ ...EMPTY_SEARCH, q: state.q })}
      />
    </div>
  )
}
