'use client'

import { startAuthentication } from '@simplewebauthn/browser'
import { useState, useTransition } from 'react'
import { passkeySignInAction } from '@/app/(auth)/actions'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'

export function PasskeySignIn({ next }: { next?: string }) {
  const [error, setError] = useState<string | null>(null)
  const [pending, start] = useTransition()
  const signIn = () => {
    // Outside the transition: its updates wait for the ceremony, and the old error would stay.
    setError(null)
    start(async () => {
      try {
        const options = await fetch('/api/v1/auth/passkey', { method: 'POST' })
        if (!options.ok) throw new Error(((await options.json()) as { error?: { message?: string } }).error?.message ?? 'Passkey sign-in is unavailable.')
        const response = await startAuthentication({ optionsJSON: await options.json() })
        const result = await passkeySignInAction(JSON.stringify(response), next ?? '/home')
        if (result.status === 'error') setError(result.message)
      } catch (e) {
        // The browser's own words ("The operation either timed out or was not allowed") help no one.
        setError(e instanceof Error && e.name === 'NotAllowedError' ? 'The passkey was not used (cancelled or timed out). Try again.' : e instanceof Error ? e.message : 'Passkey sign-in did not work.')
      }
    })
  }
  return (
    <div className="flex flex-col gap-2">
      <Button type="button" variant="secondary" disabled={pending} onClick={signIn}>
        {pending ? 'Waiting for your passkey…' : 'Sign in with a passkey'}
      </Button>
      {error && <FormMessage tone="error">{error}</FormMessage>}
    </div>
  )
}
