'use client'

import { useState, useTransition } from 'react'
import { deleteMemoryAction, moveMemoryAction, restoreMemoryAction } from '@/app/(app)/home/actions'
import type { ActionResult } from '@/lib/http/action-result'
import { TIERS, type Tier } from '@/lib/tiers'

/** Move to another tier (which teaches the classifier), and delete with undo. */
export function MemoryActions({ id, tier }: { id: string; tier: Tier }) {
  const [result, setResult] = useState<ActionResult | null>(null)
  const [deleted, setDeleted] = useState(false)
  const [pending, startTransition] = useTransition()
  const run = (work: () => Promise<ActionResult>, after?: (ok: boolean) => void) =>
    startTransition(async () => {
      const r = await work()
      setResult(r)
      after?.(r.status === 'ok')
    })
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
      {deleted ? (
        <button type="button" className="underline" disabled={pending} onClick={() => run(() => restoreMemoryAction(id), (ok) => ok && setDeleted(false))}>
          Undo delete
        </button>
      ) : (
        <button type="button" className="underline" disabled={pending} onClick={() => run(() => deleteMemoryAction(id), (ok) => ok && setDeleted(true))}>
          Delete
        </button>
      )}
      {result && result.status !== 'idle' && (
        <span role="status" className={result.status === 'ok' ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}>
          {'message' in result ? result.message : ''}
        </span>
      )}
    </div>
  )
}
