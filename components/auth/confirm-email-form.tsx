'use client'

import { useActionState } from 'react'
import { confirmEmailAction } from '@/app/(auth)/actions'
import { Button } from '@/components/ui/button'
import { FormDone, FormMessage } from '@/components/ui/form-message'
import { IDLE, type ActionResult } from '@/lib/http/action-result'

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(confirmEmailAction, IDLE)
  if (state.status === 'ok') {
    return <FormDone message={state.message} href="/settings" label="Go to Settings" />
  }
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage tone="error">{state.status === 'error' || state.status === 'invalid' ? state.message : null}</FormMessage>
      <input type="hidden" name="token" value={token} />
      <p>Use this address for your mnemo account, for password resets and notices.</p>
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Confirming…' : 'Confirm this address'}
      </Button>
    </form>
  )
}
