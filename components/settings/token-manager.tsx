'use client'

import { useActionState, useState, useTransition } from 'react'
import { createTokenAction, revokeTokenAction } from '@/app/(app)/settings/actions'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { FormMessage } from '@/components/ui/form-message'
import type { PublicApiToken } from '@/lib/auth/api-tokens'
import { SCOPES, TOKEN_TIERS } from '@/lib/auth/scopes'
import { echoedValues, IDLE, type ActionResult } from '@/lib/http/action-result'
import { dateOnly, dateTime } from '@/lib/dates'

export function TokenManager({ tokens, timeZone }: { tokens: PublicApiToken[]; timeZone: string }) {
  const [state, action, pending] = useActionState<ActionResult<{ token: string }>, FormData>(createTokenAction, IDLE)
  const [revoked, setRevoked] = useState<ActionResult | null>(null)
  const [revoking, startTransition] = useTransition()
  const fields = state.status === 'invalid' ? state.fieldErrors : {}
  // The new token shows once; revoking it (or "Done") takes the dead value off the screen.
  const [hidden, setHidden] = useState<string | null>(null)
  const [copied, setCopied] = useState<string | null>(null)
  const shown = state.status === 'ok' && state.data && state.data.token !== hidden ? state.data.token : null
  const copy = async (token: string) => {
    try {
      await navigator.clipboard.writeText(token)
      setCopied('Copied.')
    } catch {
      setCopied('Could not copy; select the token and copy it yourself.')
    }
  }
  const revoke = (t: PublicApiToken) =>
    startTransition(async () => {
      const result = await revokeTokenAction(t.id)
      setRevoked(result)
      if (result.status === 'ok' && shown?.startsWith(t.prefix)) setHidden(shown)
    })
  return (
    <div className="flex flex-col gap-4">
      {shown && state.status === 'ok' && (
        <div role="status" className="flex flex-col gap-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          <p className="text-sm font-medium">{state.message}</p>
          <code data-testid="new-token" className="rounded bg-white px-2 py-1 text-sm break-all dark:bg-slate-900">
            {shown}
          </code>
          <div className="flex flex-wrap items-center gap-3">
            <Button variant="secondary" onClick={() => void copy(shown)}>
              Copy token
            </Button>
            <Button variant="secondary" onClick={() => setHidden(shown)}>
              Done
            </Button>
            {copied && <span className="text-sm">{copied}</span>}
          </div>
        </div>
      )}
      {revoked && <FormMessage tone={revoked.status === 'ok' ? 'success' : 'error'}>{'message' in revoked ? revoked.message : null}</FormMessage>}
      {tokens.length > 0 ? (
        <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
          {tokens.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <p className="font-medium">
                  {t.name} <code className="text-sm text-slate-600 dark:text-slate-400">{t.prefix}…</code>
                </p>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {t.scopes.join(', ')} · up to {t.max_tier} · last used {t.last_used_at ? dateTime(t.last_used_at, timeZone) : 'never'}
                  {t.expires_at ? ` · expires ${dateOnly(t.expires_at, timeZone)}` : ''}
                </p>
              </div>
              <Button
                variant="secondary"
                disabled={revoking}
                aria-label={`Revoke ${t.name}`}
                onClick={() => revoke(t)}
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">No API tokens yet.</p>
      )}
      <form action={action} className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700" noValidate>
        <h3 className="font-medium">New token</h3>
        <FormMessage tone="error">{state.status === 'error' || state.status === 'invalid' ? state.message : null}</FormMessage>
        <Field label="Token name" name="name" id="token-name" maxLength={100} errors={fields.name} placeholder="My laptop script" defaultValue={echoedValues(state).name} />
        <fieldset className="flex flex-wrap gap-3">
          <legend className="mb-1 text-sm font-medium">Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope !== 'export'} className="size-4" />
              {scope}
            </label>
          ))}
        </fieldset>
        {fields.scopes && <p className="text-sm text-red-700 dark:text-red-400">{fields.scopes.join(' ')}</p>}
        <div className="flex flex-col gap-1">
          <label htmlFor="max_tier" className="text-sm font-medium">
            Highest tier it may read
          </label>
          <select id="max_tier" name="max_tier" defaultValue="general" className="rounded-lg border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-800">
            {TOKEN_TIERS.map((tier) => (
              <option key={tier} value={tier}>
                {tier}
              </option>
            ))}
          </select>
        </div>
        <Field label="Expires after (days, empty for never)" name="expires_in_days" type="number" min={1} max={365} errors={fields.expires_in_days} />
        <Button type="submit" disabled={pending} className="self-start">
          {pending ? 'Creating…' : 'Create token'}
        </Button>
      </form>
    </div>
  )
}
