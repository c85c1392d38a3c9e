'use client'

import { useRouter } from 'next/navigation'
import { createContext, useState, useTransition } from 'react'
import { ConfirmPassword, needsPassword, type PendingChange } from '@/components/security/confirm-password'
import { addPasskey } from '@/components/security/webauthn-client'

/** Whether the signed-in account has a passkey (set by the page; true when unknown). */
export const HasPasskeyContext = createContext(true)

/** "Add a passkey" where it is needed: the browser's passkey dialog, then the page again. */
export function AddPasskeyInline({ tier }: { tier: string }) {
  const router = useRouter()
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const [pending, start] = useTransition()
  const [confirming, setConfirming] = useState<PendingChange | null>(null)
  const add = () =>
    start(async () => {
      try {
        await addPasskey('Passkey')
        setConfirming(null)
        setMessage({ ok: true, text: `Passkey added. Unlock ${tier} with it to read this memory.` })
        router.refresh()
      } catch (e) {
        if (needsPassword(e)) {
          setMessage(null)
          setConfirming(() => async () => add())
          return
        }
        const cancelled = e instanceof Error && e.name === 'NotAllowedError'
        setMessage({ ok: false, text: cancelled ? 'No passkey was added (cancelled or timed out).' : e instanceof Error ? e.message : 'Could not add a passkey.' })
      }
    })
  return (
    <div className="flex flex-col items-start gap-1.5 not-italic" data-testid="add-passkey">
      <button
        type="button"
        onClick={add}
        disabled={pending}
        className="rounded-full bg-indigo-700 px-3 py-1 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60 dark:bg-indigo-400 dark:text-slate-900 dark:hover:bg-indigo-300"
      >
        {pending ? 'Waiting for your passkey…' : 'Add a passkey'}
      </button>
      {confirming && <ConfirmPassword then={confirming} onCancel={() => setConfirming(null)} pending={pending} />}
      {message && (
        <p role={message.ok ? 'status' : 'alert'} className={`text-sm ${message.ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}`}>
          {message.text}
        </p>
      )}
    </div>
  )
}
