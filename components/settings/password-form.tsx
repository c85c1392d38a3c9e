'use client'

import { useActionState } from 'react'
import { changePasswordAction } from '@/app/(app)/settings/actions'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { IDLE, type ActionResult } from '@/lib/http/action-result'

export function PasswordForm() {
  const [state, action, pending] = useActionState<ActionResult, FormData>(changePasswordAction, IDLE)
  const fields = state.status === 'invalid' ? state.fieldErrors : {}
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage tone="success">{state.status === 'ok' ? state.message : null}</FormMessage>
      <FormMessage tone="error">{state.status === 'error' || state.status === 'invalid' ? state.message : null}</FormMessage>
      <Field label="Current password" name="current_password" type="password" autoComplete="current-password" errors={fields.current_password} />
      <Field label="New password" name="new_password" type="password" autoComplete="new-password" errors={fields.new_password} />
      <Field label="Repeat the new password" name="confirm" type="password" autoComplete="new-password" errors={fields.confirm} />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Changing…' : 'Change password'}
      </Button>
      <p className="text-sm text-slate-600 dark:text-slate-400">Changing it signs out every other device.</p>
    </form>
  )
}
