'use client'

import Link from 'next/link'
import { useActionState, useSyncExternalStore } from 'react'
import { signInAction } from '@/app/(auth)/actions'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import { lockedUntilMessage, SIGN_IN_MESSAGES, type SignInError } from '@/lib/auth/sign-in-codes'
import { echoedValues, IDLE, type ActionResult } from '@/lib/http/action-result'

const noSubscription = () => () => {}

/** The error to show: the form's last answer, else the one Auth.js put in the page's URL. */
function useErrorMessage(state: ActionResult, fromUrl: SignInError | null): string | null {
  // The time is written in the reader's time zone, so only once in the browser (no hydration mismatch).
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false)
  const until = state.status === 'error' ? (state.retryAt ? Date.parse(state.retryAt) : undefined) : state.status === 'idle' ? fromUrl?.lockedUntil : undefined
  if (until && inBrowser) return lockedUntilMessage(until)
  if (state.status === 'error' || state.status === 'invalid') return state.message
  return state.status === 'idle' && fromUrl ? SIGN_IN_MESSAGES[fromUrl.kind] : null
}

export function SignInForm({ next, error }: { next?: string; error?: SignInError | null }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(signInAction, IDLE)
  const fields = state.status === 'invalid' ? state.fieldErrors : {}
  const values = echoedValues(state)
  const message = useErrorMessage(state, error ?? null)
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage tone="error">{message}</FormMessage>
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
