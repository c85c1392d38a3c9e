'use client'

import Link from 'next/link'
import { useEffect, useRef, useState } from 'react'
import { tierCountsAction } from '@/app/(app)/home/actions'
import { TIERS, type Tier } from '@/lib/tiers'
import { useMemoryEvents } from './use-memory-events'

type Counts = Partial<Record<Tier, number>>

/** A burst of events (an import, a replayed outbox) asks for the counts once. */
const RECOUNT_DELAY_MS = 300

/** The tier tabs with counts of readable tiers, kept current by live events. */
export function TierTabs({ counts, current, renderedAt }: { counts: Counts; current?: Tier; renderedAt: string }) {
  const [live, setLive] = useState<{ from: Counts; counts: Counts } | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  // Counts a newer server render brought win over ones fetched for an older render.
  const shown = live && live.from === counts ? live.counts : counts

  const recount = () => {
    clearTimeout(timer.current)
    timer.current = setTimeout(async () => {
      // Offline, the read fails; the resynchronisation when the connection returns counts again.
      const result = await tierCountsAction().catch(() => null)
      if (result?.status === 'ok' && result.data) setLive({ from: counts, counts: result.data })
    }, RECOUNT_DELAY_MS)
  }
  useMemoryEvents({ onEvent: recount, onResync: recount }, renderedAt)
  useEffect(() => () => clearTimeout(timer.current), [])

  const tab = (value: Tier | undefined, label: string) => {
    const count = value ? shown[value] : undefined
    const selected = current === value
    return (
      <li key={value ?? 'all'}>
        <Link
          href={value ? `/home?tier=${value}` : '/home'}
          aria-current={selected ? 'page' : undefined}
          className={`block rounded-full px-3 py-1 whitespace-nowrap ${selected ? 'bg-indigo-700 text-white dark:bg-indigo-400 dark:text-slate-900' : 'text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800'}`}
        >
          {label}
          {count !== undefined && (
            <span className="ml-1 opacity-80" data-testid={`tier-count-${value}`}>
              {count}
            </span>
          )}
        </Link>
      </li>
    )
  }
  return (
    <nav aria-label="Tiers">
      {/* Wrapped, not scrolled: on a phone every tier stays in sight. */}
      <ul className="-mx-1 flex flex-wrap gap-1 px-1 pb-1 text-sm">
        {tab(undefined, 'All')}
        {TIERS.map((t) => tab(t, t))}
      </ul>
    </nav>
  )
}
