'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { shownUntil, type UnlockLabels } from '@/lib/memories/unlock-labels'
import { AddPasskeyInline } from './add-passkey-inline'
import { useShownUnlockState } from './open-tiers'
import { lockNow, unlockWithPasskey, unlockWithPassword } from './webauthn-client'

export interface UnlockState {
  confidential: string | null
  secret: string | null
  ultrasecret: string | null
}

interface Props {
  state: UnlockState
  timeZone: string
  /** The server's formatting of `state` (formatted here once they no longer hold). */
  labels?: UnlockLabels
  hasPasskey?: boolean
}

/** Which protected tiers are open, until when, and how to open or close them (or get a passkey first). */
export function UnlockBar({ state: rendered, timeZone, labels, hasPasskey = true }: Props) {
  // A window that ended (or was locked anywhere) since the page was rendered reads as locked.
  const state = useShownUnlockState(rendered)
  // "00:06" today; with the day when the window ends on another one.
  const until = (key: keyof UnlockState) => {
    const iso = state[key]
    return iso && shownUntil(iso, timeZone, iso === rendered[key] ? labels?.[key] : null, labels?.validUntil)
  }
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
    <section aria-label="Protected tiers" className="flex flex-col gap-2 rounded-xl border border-slate-200 px-3 py-2 text-sm dark:border-slate-700">
      <ul className="flex flex-wrap gap-x-4 gap-y-1" data-testid="unlock-state" suppressHydrationWarning>
        <li>confidential: {state.confidential ? `open until ${until('confidential')}` : 'locked'}</li>
        <li>secret: {state.secret ? `open until ${until('secret')}` : 'locked'}</li>
        <li>ultrasecret: {state.ultrasecret ? `open until ${until('ultrasecret')}` : 'locked'}</li>
      </ul>
      {hasPasskey ? (
        <div className="flex flex-wrap items-center gap-2">
          {!state.secret && (
            <Button variant="secondary" className="px-3 py-1" disabled={pending} onClick={() => run(() => unlockWithPasskey('secret'))}>
              Unlock secret with passkey
            </Button>
          )}
          {!state.ultrasecret && (
            <Button variant="secondary" className="px-3 py-1" disabled={pending} onClick={() => run(() => unlockWithPasskey('ultrasecret'))}>
              Unlock ultrasecret with passkey
            </Button>
          )}
          {anyOpen && (
            <Button variant="secondary" className="px-3 py-1" disabled={pending} onClick={() => run(lockNow)}>
              Lock now
            </Button>
          )}
        </div>
      ) : (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1.5" data-testid="unlock-needs-passkey">
          <p>Secret and ultrasecret open with a passkey; this account has none yet.</p>
          <AddPasskeyInline tier="secret" />
          {anyOpen && (
            <Button variant="secondary" className="px-3 py-1" disabled={pending} onClick={() => run(lockNow)}>
              Lock now
            </Button>
          )}
        </div>
      )}
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
