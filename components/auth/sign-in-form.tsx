'use client'

import Link from 'next/link'
import { useActionState } from 'react'
import { signInAction } from '@/app/(auth)/actions'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { echoedValues, IDLE, type ActionResult } from '@/lib/http/action-result'

export function SignInForm({ next }: { next?: string }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(signInAction, IDLE)
  const fields = state.status === 'invalid' ? state.fieldErrors : {}
  const values = echoedValues(state)
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage tone="error">{state.status === 'error' || state.status === 'invalid' ? state.message : null}</FormMessage>
      <input type="hidden" name="next" value={next ?? '/home'} />
      <Field label="Phone number or email" name="identifier" autoComplete="username" required errors={fields.identifier} placeholder="+1 415 555 2671" defaultValue={values.identifier} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required errors={fields.password} />
      <Button type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
      <div className="flex justify-between text-sm">
        <Link href="/forgot-password" className="underline underline-offset-2">
          Forgot your password?
        </Link>
        <Link href="/sign-up" className="underline underline-offset-2">
          Create an account
        </Link>
      </div>
    </form>
  )
}
