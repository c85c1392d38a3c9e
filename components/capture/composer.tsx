'use client'

import { useActionState, useState } from 'react'
import { captureAction, type CaptureOutcome } from '@/app/(app)/home/actions'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { echoedValues, IDLE, type ActionResult } from '@/lib/http/action-result'
import { TIERS } from '@/lib/tiers'

/** The capture box. A fresh client id per message makes a double submit store it once. */
export function Composer() {
  const [clientId, setClientId] = useState(() => crypto.randomUUID())
  const [state, action, pending] = useActionState<ActionResult<CaptureOutcome>, FormData>(async (prev, form) => {
    const result = await captureAction(prev, form)
    if (result.status === 'ok') setClientId(crypto.randomUUID())
    return result
  }, IDLE as ActionResult<CaptureOutcome>)
  const fields = state.status === 'invalid' ? state.fieldErrors : {}
  return (
    <form action={action} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="client_id" value={clientId} />
      <label htmlFor="content" className="text-sm font-medium">
        What do you want to remember?
      </label>
      <textarea
        id="content"
        name="content"
        rows={3}
        maxLength={10000}
        defaultValue={echoedValues(state).content}
        aria-invalid={fields.content ? true : undefined}
        aria-describedby={fields.content ? 'content-error' : undefined}
        className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:bg-slate-800"
        placeholder="dentist on Thursday at 3pm · my wifi password is … · I prefer aisle seats"
      />
      {fields.content && (
        <p id="content-error" className="text-sm text-red-700 dark:text-red-400">
          {fields.content.join(' ')}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor="tier" className="text-sm">
          Tier
        </label>
        <select id="tier" name="tier" defaultValue="" className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-800">
          <option value="">Let mnemo decide</option>
          {TIERS.map((tier) => (
            <option key={tier} value={tier}>
              {tier}
            </option>
          ))}
        </select>
        <Button type="submit" disabled={pending} className="ml-auto">
          {pending ? 'Saving…' : 'Save'}
        </Button>
      </div>
      {state.status === 'ok' && state.data && (
        <FormMessage tone="success">
          {state.message} {state.data.reasoning}
        </FormMessage>
      )}
      <FormMessage tone="error">{state.status === 'error' || (state.status === 'invalid' && !fields.content) ? state.message : null}</FormMessage>
    </form>
  )
}
