'use client'

import { useEffect, useState } from 'react'
import { quickSearchAction } from '@/app/(app)/search/actions'
import type { QuickResult } from '@/app/(app)/search/params'
import { TierBadge } from '@/components/capture/tier-badge'
import { dateOnly } from '@/lib/dates'

/** How long typing must pause before the box asks for quick results. */
const PAUSE_MS = 250

/**
 * The quick results for a search address, asked for once typing pauses; none while there is
 * nothing to ask (null), before the answer comes, or when it cannot come (offline, signed out):
 * the box then simply works as a search box.
 */
export function useQuickResults(href: string | null): QuickResult[] {
  const [answer, setAnswer] = useState<{ href: string; items: QuickResult[] } | null>(null)
  useEffect(() => {
    if (!href) return
    let current = true
    const timer = setTimeout(() => {
      quickSearchAction(href).then(
        (result) => current && setAnswer({ href, items: result.status === 'ok' ? (result.data ?? []) : [] }),
        () => current && setAnswer({ href, items: [] }),
      )
    }, PAUSE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [href])
  return href && answer?.href === href ? answer.items : []
}

export const optionId = (id: string) => `quick-${id}`

interface Props {
  id: string
  items: QuickResult[]
  active: number
  timeZone: string
  onChoose: (item: QuickResult) => void
}

/** The listbox under the query box (its combobox owns the focus and the arrow keys). */
export function QuickResults({ id, items, active, timeZone, onChoose }: Props) {
  return (
    <ul
      id={id}
      role="listbox"
      aria-label="Quick results"
      className="absolute top-full right-0 left-0 z-20 mt-1 flex flex-col overflow-hidden rounded-lg bg-white shadow-lg ring-1 ring-slate-300 dark:bg-slate-800 dark:ring-slate-600"
    >
      {items.map((item, i) => (
        <li
          key={item.id}
          id={optionId(item.id)}
          role="option"
          aria-selected={i === active}
          // Pressing keeps the focus in the box, so the click lands before the list closes.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChoose(item)}
          className={`flex cursor-pointer flex-col gap-1 px-3 py-2 text-sm break-words text-slate-900 dark:text-slate-100 ${i === active ? 'bg-blue-100 dark:bg-slate-700' : 'hover:bg-slate-100 dark:hover:bg-slate-700'}`}
        >
          {/* Highlights are escaped on the server; only <mark> is markup. */}
          <span dangerouslySetInnerHTML={{ __html: item.highlight }} />
          <span className="flex items-center gap-2 text-xs text-slate-700 dark:text-slate-300">
            <TierBadge tier={item.tier} />
            <time dateTime={item.occurredAt}>{dateOnly(item.occurredAt, timeZone)}</time>
          </span>
        </li>
      ))}
    </ul>
  )
}
