'use client'

import { useActionState } from 'react'
import { resetPasswordAction } from '@/app/(auth)/actions'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormDone, FormMessage } from '@/components/ui/form-message'
import { IDLE, type ActionResult } from '@/lib/http/action-result'

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(resetPasswordAction, IDLE)
  const fields = state.status === 'invalid' ? state.fieldErrors : {}
  if (state.status === 'ok') {
    return <FormDone message={state.message} href="/sign-in" label="Go to sign in" />
  }
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage tone="error">{state.status === 'error' || state.status === 'invalid' ? state.message : null}</FormMessage>
      <input type="hidden" name="token" value={token} />
      <Field label="New password" name="password" type="password" autoComplete="new-password" required errors={fields.password} />
      <Field label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" required errors={fields.confirm} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Set the new password'}
      </Button>
    </form>
  )
}
