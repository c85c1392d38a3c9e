'use client'

import { useState, useTransition } from 'react'
import { restoreMemoryAction } from '@/app/(app)/home/actions'
import { runAction } from '@/components/capture/run-action'
import { TierBadge } from '@/components/capture/tier-badge'
import { dateTime } from '@/lib/dates'
import type { DeletedMemory } from '@/lib/memories/recently-deleted'

/** The deleted memories still in their undo window, each with "Restore". */
export function RecentlyDeleted({ items, timeZone }: { items: DeletedMemory[]; timeZone: string }) {
  const [restored, setRestored] = useState<ReadonlySet<string>>(new Set())
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [pending, start] = useTransition()
  const shown = items.filter((m) => !restored.has(m.id))
  const restore = (id: string) =>
    start(async () => {
      const result = await runAction(() => restoreMemoryAction(id))
      if (result.status === 'ok') setRestored((s) => new Set(s).add(id))
      else if (result.status !== 'idle') setErrors((e) => ({ ...e, [id]: result.message }))
    })
  return (
    <>
      {restored.size > 0 && (
        <p role="status" className="text-emerald-700 dark:text-emerald-400">
          Restored {restored.size === 1 ? 'one memory' : `${restored.size} memories`} to your timeline.
        </p>
      )}
      {shown.length === 0 ? (
        <p className="text-slate-600 dark:text-slate-400">Nothing deleted in the last 30 days.</p>
      ) : (
        <ul className="flex flex-col gap-3" data-testid="deleted-memories">
          {shown.map((m) => (
            <li key={m.id} data-testid="deleted-memory" className="flex flex-col gap-1.5 rounded-xl bg-white px-3.5 py-2.5 ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700">
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
                <TierBadge tier={m.tier} />
                <span>
                  Deleted <time dateTime={m.deleted_at}>{dateTime(m.deleted_at, timeZone)}</time>
                </span>
                <span>
                  · restorable until <time dateTime={m.restorable_until}>{dateTime(m.restorable_until, timeZone)}</time>
                </span>
              </div>
              <p className="line-clamp-3 break-words whitespace-pre-wrap">{'locked' in m ? `Locked. Unlock the ${m.tier} tier to read it.` : m.content}</p>
              <div className="flex items-center gap-3 text-sm">
                <button type="button" disabled={pending} onClick={() => restore(m.id)} className="rounded-full border border-slate-300 px-3 py-1 font-medium dark:border-slate-600">
                  Restore<span className="sr-only"> this memory</span>
                </button>
                {errors[m.id] && (
                  <span role="alert" className="text-red-700 dark:text-red-400">
                    {errors[m.id]}
                  </span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
