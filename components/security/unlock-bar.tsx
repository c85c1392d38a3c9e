'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { clockTime } from '@/lib/dates'
import { useShownUnlockState } from './open-tiers'
import { lockNow, unlockWithPasskey, unlockWithPassword } from './webauthn-client'

export interface UnlockState {
  confidential: string | null
  secret: string | null
  ultrasecret: string | null
}

/** Which protected tiers are open, until when, and how to open or close them. */
export function UnlockBar({ state: rendered, timeZone }: { state: UnlockState; timeZone: string }) {
  // A window that ended (or was locked anywhere) since the page was rendered reads as locked.
  const state = useShownUnlockState(rendered)
  const router = useRouter()
  const [pending, start] = useTransition()
  const [error, setError] = useState<string | null>(null)
  const [password, setPassword] = useState('')
  const run = (work: () => Promise<unknown>) =>
    start(async () => {
      setError(null)
      try {
        await work()
        setPassword('')
        router.refresh()
      } catch (e) {
        setError(e instanceof Error ? e.message : 'That did not work.')
      }
    })
  const anyOpen = state.confidential || state.secret || state.ultrasecret
  return (
    <section aria-label="Protected tiers" className="flex flex-col gap-2 rounded-xl border border-slate-200 p-3 text-sm dark:border-slate-700">
      <ul className="flex flex-wrap gap-x-4 gap-y-1" data-testid="unlock-state">
        <li>confidential: {state.confidential ? `open until ${clockTime(state.confidential, timeZone)}` : 'locked'}</li>
        <li>secret: {state.secret ? `open until ${clockTime(state.secret, timeZone)}` : 'locked'}</li>
        <li>ultrasecret: {state.ultrasecret ? `open until ${clockTime(state.ultrasecret, timeZone)}` : 'locked'}</li>
      </ul>
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" disabled={pending} onClick={() => run(() => unlockWithPasskey('secret'))}>
          Unlock secret with passkey
        </Button>
        <Button variant="secondary" disabled={pending} onClick={() => run(() => unlockWithPasskey('ultrasecret'))}>
          Unlock ultrasecret with passkey
        </Button>
        {anyOpen && (
          <Button variant="secondary" disabled={pending} onClick={() => run(lockNow)}>
            Lock now
          </Button>
        )}
      </div>
      {!state.confidential && (
        <form
          className="flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            run(() => unlockWithPassword(password))
          }}
        >
          <label htmlFor="unlock-password">Password for confidential</label>
          <input
            id="unlock-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
          />
          <Button type="submit" variant="secondary" disabled={pending || !password}>
            Unlock confidential
          </Button>
        </form>
      )}
      <FormMessage tone="error">{error}</FormMessage>
    </section>
  )
}
