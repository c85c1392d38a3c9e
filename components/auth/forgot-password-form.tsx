'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import { forgotPasswordAction } from '@/app/(auth)/actions'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { echoedValues, IDLE, type ActionResult } from '@/lib/http/action-result'

export function ForgotPasswordForm() {
  const [state, action, pending] = useActionState<ActionResult, FormData>(forgotPasswordAction, IDLE)
  const fields = state.status === 'invalid' ? state.fieldErrors : {}
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage tone="success">{state.status === 'ok' ? state.message : null}</FormMessage>
      <FormMessage tone="error">{state.status === 'error' || state.status === 'invalid' ? state.message : null}</FormMessage>
      <Field label="Email or phone number" name="identifier" autoComplete="username" required errors={fields.identifier} defaultValue={echoedValues(state).identifier} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Sending…' : 'Send me a reset link'}
      </Button>
      <p className="text-sm">
        Remembered it?{' '}
        <Link href="/sign-in" className="underline underline-offset-2">
          Back to sign in
        </Link>
      </p>
    </form>
  )
}
