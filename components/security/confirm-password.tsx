'use client'

import { useState } from 'react'
import { NEEDS_PASSWORD, PasskeyRequestError, unlockWithPassword } from '@/components/security/webauthn-client'
import { Button } from '@/components/ui/button'

/**
 * A passkey change the server refused until the password is given again (NEEDS_PASSWORD): the
 * change to run once it is confirmed.
 */
export type PendingChange = () => Promise<void>

/** Whether an error asks for the password before the change it refused. */
export function needsPassword(error: unknown): boolean {
  return error instanceof PasskeyRequestError && error.code === NEEDS_PASSWORD
}

/**
 * "Confirm your password": checks it (rate-limited, like the confidential unlock it also is), then
 * runs the change again. A wrong password says so and keeps the field.
 */
export function ConfirmPassword({ then, onCancel, pending }: { then: PendingChange; onCancel: () => void; pending: boolean }) {
  const [password, setPassword] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      data-testid="confirm-password"
      onSubmit={async (e) => {
        e.preventDefault()
        setBusy(true)
        try {
          await unlockWithPassword(password)
        } catch (err) {
          setError(err instanceof Error ? err.message : 'That is not your password.')
          setBusy(false)
          return
        }
        setBusy(false)
        setPassword('')
        await then()
      }}
    >
      <label className="flex flex-col gap-1 text-sm font-medium">
        Confirm your password to change your passkeys
        <input
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={error ? true : undefined}
          className="rounded-lg border border-slate-300 px-3 py-2 font-normal dark:border-slate-600 dark:bg-slate-800"
        />
      </label>
      <Button type="submit" disabled={busy || pending}>
        Confirm
      </Button>
      <Button type="button" variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </form>
  )
}
