'use client'

import { useRouter } from 'next/navigation'
import { useContext, useState, useTransition } from 'react'
import { deleteMemoryAction, moveMemoryAction } from '@/app/(app)/home/actions'
import { DeletedContext } from '@/components/timeline/undo-delete'
import type { ActionResult } from '@/lib/http/action-result'
import { TIERS, type Tier } from '@/lib/tiers'
import { runAction } from './run-action'

/**
 * Move to another tier (which teaches the classifier) and delete. A delete hands over to the
 * timeline's "Undo": in place when the timeline is the page, else by going back to it. Offline,
 * an action is refused inline and nothing is sent.
 */
export function MemoryActions({ id, tier }: { id: string; tier: Tier }) {
  const router = useRouter()
  const onDeleted = useContext(DeletedContext)
  const [result, setResult] = useState<ActionResult | null>(null)
  const [pending, startTransition] = useTransition()
  const run = (work: () => Promise<ActionResult>, after?: () => void) =>
    startTransition(async () => {
      const r = await runAction(work)
      setResult(r)
      if (r.status === 'ok') after?.()
    })
  const deleted = () => {
    if (onDeleted) onDeleted(id)
    else router.push(`/home?deleted=${id}`)
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label className="sr-only" htmlFor={`move-${id}`}>
        Move to tier
      </label>
      <select
        id={`move-${id}`}
        value=""
        disabled={pending}
        onChange={(e) => e.target.value && run(() => moveMemoryAction(id, e.target.value))}
        className="rounded border border-slate-300 bg-white px-1.5 py-1 dark:border-slate-600 dark:bg-slate-800"
      >
        <option value="">Move to…</option>
        {TIERS.filter((t) => t !== tier).map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <button type="button" className="underline" disabled={pending} onClick={() => run(() => deleteMemoryAction(id), deleted)}>
        Delete
      </button>
      {result && result.status !== 'idle' && (
        <span role={result.status === 'ok' ? 'status' : 'alert'} className={result.status === 'ok' ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}>
          {'message' in result ? result.message : ''}
        </span>
      )}
    </div>
  )
}
