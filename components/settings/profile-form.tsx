'use client'

import { useActionState } from 'react'
import { updateProfileAction } from '@/app/(app)/settings/actions'
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
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Phone: <span className="font-medium">{profile.phone}</span>
      </p>
      <Field label="Name" name="name" defaultValue={values.name ?? profile.name ?? ''} maxLength={255} errors={fields.name} />
      <Field label="Email" name="email" type="email" defaultValue={values.email ?? profile.email ?? ''} errors={fields.email} />
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
