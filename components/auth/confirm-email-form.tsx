'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import { confirmEmailAction } from '@/app/(auth)/actions'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { IDLE, type ActionResult } from '@/lib/http/action-result'

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(confirmEmailAction, IDLE)
  if (state.status === 'ok') {
    return (
      <div className="flex flex-col gap-4">
        <FormMessage tone="success">{state.message}</FormMessage>
        <Link href="/settings" className="underline underline-offset-2">
          Go to Settings
        </Link>
      </div>
    )
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
