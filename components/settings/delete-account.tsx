'use client'

import { useActionState } from 'react'
import { deleteAccountAction } from '@/app/(app)/settings/actions'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { IDLE, type ActionResult } from '@/lib/http/action-result'

export function DeleteAccount() {
  const [state, action, pending] = useActionState<ActionResult, FormData>(deleteAccountAction, IDLE)
  const fields = state.status === 'invalid' ? state.fieldErrors : {}
  return (
    <form action={action} className="flex flex-col gap-3 rounded-lg border border-red-300 p-3 dark:border-red-800" noValidate>
      <p className="text-sm">
        Deleting your account destroys the keys of your encrypted tiers first, then every memory. It cannot be undone, and no
        backup can bring the encrypted memories back.
      </p>
      <FormMessage tone="error">{state.status === 'error' || state.status === 'invalid' ? state.message : null}</FormMessage>
      <Field label="Your password" name="password" id="delete-password" type="password" autoComplete="current-password" errors={fields.password} />
      <Field label="Type DELETE to confirm" name="confirm" id="delete-confirm" autoComplete="off" errors={fields.confirm} />
      <Button type="submit" variant="danger" disabled={pending} className="self-start">
        {pending ? 'Deleting…' : 'Delete my account'}
      </Button>
    </form>
  )
}
