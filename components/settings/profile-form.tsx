'use client'

import { useActionState, useTransition } from 'react'
import { resendEmailConfirmationAction, updateProfileAction } from '@/app/(app)/settings/actions'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import type { Profile } from '@/lib/accounts/profile'
import { echoedValues, IDLE, type ActionResult } from '@/lib/http/action-result'
import { TIERS } from '@/lib/tiers'

export function ProfileForm({ profile }: { profile: Profile }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(updateProfileAction, IDLE)
  const fields = state.status === 'invalid' ? state.fieldErrors : {}
  const prefs = profile.preferences
  const values = echoedValues(state)
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormMessage tone="success">{state.status === 'ok' ? state.message : null}</FormMessage>
      <FormMessage tone="error">{state.status === 'error' || state.status === 'invalid' ? state.message : null}</FormMessage>
      <Field label="Name" name="name" defaultValue={values.name ?? profile.name ?? ''} maxLength={255} errors={fields.name} />
      <Field label="Phone" name="phone" type="tel" autoComplete="tel" defaultValue={values.phone ?? profile.phone} errors={fields.phone} />
      <Field label="Email" name="email" type="email" defaultValue={values.email ?? profile.email ?? ''} errors={fields.email} />
      <EmailStatus profile={profile} />
      <Field
        label="Password, to change the email or phone"
        id="profile-current-password"
        name="current_password"
        type="password"
        autoComplete="current-password"
        errors={fields.current_password}
      />
      <Field label="Time zone" name="timezone" defaultValue={values.timezone ?? profile.timezone} errors={fields.timezone} />
      <fieldset className="flex flex-col gap-2">
        <legend className="text-sm font-medium">Notify me</legend>
        {(
          [
            ['notify_in_app', 'In the app', prefs.notifications.in_app],
            ['notify_email', 'By email', prefs.notifications.email],
          ] as const
        ).map(([name, label, checked]) => (
          <label key={name} className="flex items-center gap-2">
            <input type="checkbox" name={name} defaultChecked={checked} className="size-4" />
            {label}
          </label>
        ))}
      </fieldset>
      {/* Digests and push are not built yet: their stored settings pass through unchanged, unseen. */}
      <input type="hidden" name="digest_time" value={prefs.digest_time} />
      {prefs.notifications.push && <input type="hidden" name="notify_push" value="on" />}
      <div className="flex flex-col gap-1">
        <label htmlFor="default_tier" className="text-sm font-medium">
          Tier for captures the classifier cannot place
        </label>
        <select
          id="default_tier"
          name="default_tier"
          defaultValue={prefs.default_tier}
          className="rounded-lg border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-800"
        >
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {tier}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Saving…' : 'Save profile'}
      </Button>
    </form>
  )
}

/** Whether the address is confirmed: only a confirmed address receives password resets. */
function EmailStatus({ profile }: { profile: Profile }) {
  const [result, setResult] = useActionState<ActionResult, void>(() => resendEmailConfirmationAction(), IDLE)
  const [pending, start] = useTransition()
  if (profile.pending_email) {
    return <p className="text-sm text-slate-600 dark:text-slate-300">Waiting for confirmation: {profile.pending_email} (follow the link we sent there).</p>
  }
  if (!profile.email || profile.email_verified) return null
  return (
    <div className="flex flex-col gap-1 text-sm text-slate-600 dark:text-slate-300">
      <p>This address is not confirmed yet, so password resets cannot be sent to it.</p>
      <FormMessage tone="success">{result.status === 'ok' ? result.message : null}</FormMessage>
      <FormMessage tone="error">{result.status === 'error' ? result.message : null}</FormMessage>
      <Button type="button" disabled={pending} className="self-start" onClick={() => start(() => setResult())}>
        Send the confirmation link again
      </Button>
    </div>
  )
}
