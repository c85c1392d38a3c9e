'use client'

import { useState, useTransition } from 'react'
import { moveMemoryAction } from '@/app/(app)/home/actions'
import { runAction } from '@/components/capture/run-action'

/** "Move to secret" in one click, when a forced lower tier is one the classifier is sure is wrong. */
export function SuggestedMove({ id, tier }: { id: string; tier: string }) {
  const [done, setDone] = useState<string | null>(null)
  const [pending, start] = useTransition()
  if (done) return <span data-testid="suggested-move-done"> {done}</span>
  return (
    <>
      {' '}
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await runAction(() => moveMemoryAction(id, tier))
            setDone(result.status === 'ok' ? `Moved to ${tier}.` : result.status === 'idle' ? '' : result.message)
          })
        }
        className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
      >
        Move it to {tier}
      </button>
    </>
  )
}
