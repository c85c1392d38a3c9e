'use client'

import Link from 'next/link'
import { useActionState, useSyncExternalStore } from 'react'
import { signUpAction } from '@/app/(auth)/actions'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { echoedValues, IDLE, type ActionResult } from '@/lib/http/action-result'

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone
const noSubscription = () => () => {}

export function SignUpForm() {
  const [state, action, pending] = useActionState<ActionResult, FormData>(signUpAction, IDLE)
  const timezone = useSyncExternalStore(noSubscription, browserTimeZone, () => 'UTC')
  const fields = state.status === 'invalid' ? state.fieldErrors : {}
  const values = echoedValues(state)
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage tone="error">{state.status === 'error' || state.status === 'invalid' ? state.message : null}</FormMessage>
      <Field label="Phone number" name="phone" type="tel" autoComplete="tel" required errors={fields.phone} defaultValue={values.phone} hint="International form, e.g. +1 415 555 2671." />
      <Field label="Name (optional)" name="name" autoComplete="name" maxLength={255} errors={fields.name} defaultValue={values.name} />
      <Field label="Email (optional, for password resets)" name="email" type="email" autoComplete="email" errors={fields.email} defaultValue={values.email} />
      <Field label="Password" name="password" type="password" autoComplete="new-password" required errors={fields.password} hint="At least 8 characters; a phrase of unrelated words is best." />
      <Field label="Repeat the password" name="confirm" type="password" autoComplete="new-password" required errors={fields.confirm} />
      <Field label="Time zone" name="timezone" key={timezone} defaultValue={values.timezone ?? timezone} errors={fields.timezone} hint="Dates and times on your timeline follow it." />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Secret and ultrasecret memories open only with a passkey (your fingerprint, face or device PIN). You can add one as soon as your account exists.
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating your vault…' : 'Create account'}
      </Button>
      <p className="text-sm">
        Already have one?{' '}
        <Link href="/sign-in" className="underline underline-offset-2">
          Sign in
        </Link>
      </p>
    </form>
  )
}
