'use client'

import Link from 'next/link'
import { createContext, useEffect, useState, useTransition } from 'react'
import { restoreMemoryAction } from '@/app/(app)/home/actions'
import { runAction } from '@/components/capture/run-action'

/** How long the "Undo" of a delete stays on screen. */
export const UNDO_SECONDS = 10

/** Set by the timeline: a delete there hands the id up, so the undo outlives the bubble. */
export const DeletedContext = createContext<((id: string) => void) | null>(null)

/**
 * "Memory deleted. Undo" for a few seconds after a delete; afterwards "Recently deleted" keeps it
 * 30 days. It sits in the composer's status line (see Composer), so it covers nothing on a phone.
 */
export function UndoDelete({ id, onClose, onRestored }: { id: string; onClose: () => void; onRestored: (id: string) => void }) {
  const [message, setMessage] = useState<string | null>(null)
  const [pending, start] = useTransition()
  useEffect(() => {
    const timer = setTimeout(onClose, UNDO_SECONDS * 1000)
    return () => clearTimeout(timer)
  }, [id, onClose])
  const undo = () =>
    start(async () => {
      const result = await runAction(() => restoreMemoryAction(id))
      if (result.status === 'ok') onRestored(id)
      else setMessage(result.status === 'idle' ? null : result.message)
    })
  return (
    <div
      role="status"
      data-testid="undo-delete"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-xl bg-slate-900 px-4 py-2.5 text-sm text-white dark:bg-slate-100 dark:text-slate-900"
    >
      <span>{message ?? 'Memory deleted.'}</span>
      <button type="button" onClick={undo} disabled={pending} className="font-semibold underline underline-offset-2">
        Undo
      </button>
      <Link href="/deleted" className="underline underline-offset-2">
        Recently deleted
      </Link>
      <button type="button" onClick={onClose} aria-label="Dismiss" className="px-1">
        ✕
      </button>
    </div>
  )
}

