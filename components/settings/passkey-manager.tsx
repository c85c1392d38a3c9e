'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { ConfirmPassword, needsPassword, type PendingChange } from '@/components/security/confirm-password'
import { addPasskey, PasskeyRequestError } from '@/components/security/webauthn-client'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { dateOnly, dateTime } from '@/lib/dates'

export interface PasskeyView {
  id: string
  name: string
  created_at: string
  last_used_at: string | null
}

export function PasskeyManager({ passkeys, timeZone }: { passkeys: PasskeyView[]; timeZone: string }) {
  const router = useRouter()
  const [name, setName] = useState('')
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null)
  const [pending, start] = useTransition()
  const [confirming, setConfirming] = useState<PendingChange | null>(null)
  const run = (work: () => Promise<unknown>, done: string) =>
    start(async () => {
      try {
        await work()
        setConfirming(null)
        setMessage({ tone: 'success', text: done })
        setName('')
        router.refresh()
      } catch (e) {
        // Adding or removing a passkey long after signing in: the password first, then again.
        if (needsPassword(e)) {
          setMessage(null)
          setConfirming(() => async () => run(work, done))
          return
        }
        setMessage({ tone: 'error', text: e instanceof Error ? e.message : 'That did not work.' })
      }
    })
  const rename = async (id: string, current: string) => {
    const name = window.prompt('New name for this passkey', current)?.trim()
    if (!name) return
    const response = await fetch(`/api/v1/passkeys/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: name.slice(0, 60) }),
    })
    if (!response.ok) throw new Error('Could not rename it.')
  }
  const remove = async (id: string) => {
    const response = await fetch(`/api/v1/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' })
    if (response.ok) return
    const error = ((await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } }).error
    throw new PasskeyRequestError(error?.message ?? 'Could not remove it.', error?.code)
  }
  return (
    <div className="flex flex-col gap-3">
      {message && <FormMessage tone={message.tone}>{message.text}</FormMessage>}
      {confirming && <ConfirmPassword then={confirming} onCancel={() => setConfirming(null)} pending={pending} />}
      {passkeys.length ? (
        <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
          {passkeys.map((p) => (
            <li key={p.id} data-testid="passkey-row" className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <p className="font-medium">{p.name}</p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  added {dateOnly(p.created_at, timeZone)} · last used {p.last_used_at ? dateTime(p.last_used_at, timeZone) : 'never'}
                </p>
              </div>
              <div className="flex gap-2">
                <Button variant="secondary" disabled={pending} aria-label={`Rename ${p.name}`} onClick={() => run(() => rename(p.id, p.name), 'Passkey renamed.')}>
                  Rename
                </Button>
                <Button variant="secondary" disabled={pending} aria-label={`Remove ${p.name}`} onClick={() => run(() => remove(p.id), 'Passkey removed.')}>
                  Remove
                </Button>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No passkey yet. Secret and ultrasecret memories open only with one.</p>
      )}
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          run(() => addPasskey(name || 'Passkey'), 'Passkey added.')
        }}
      >
        <label className="flex flex-col gap-1 text-sm font-medium">
          Passkey name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={60}
            placeholder="My laptop"
            className="rounded-lg border border-slate-300 px-3 py-2 font-normal dark:border-slate-600 dark:bg-slate-800"
          />
        </label>
        <Button type="submit" disabled={pending}>
          Add a passkey
        </Button>
      </form>
    </div>
  )
}
