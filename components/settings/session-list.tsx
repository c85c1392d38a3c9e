'use client'

import { useState, useTransition } from 'react'
import { revokeOtherSessionsAction, revokeSessionAction } from '@/app/(app)/settings/actions'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { dateTime } from '@/lib/dates'
import type { ActionResult } from '@/lib/http/action-result'

export interface SessionView {
  id: string
  device: string | null
  ip: string | null
  created_at: string
  last_seen_at: string
  current: boolean
}

export function SessionList({ sessions, timeZone }: { sessions: SessionView[]; timeZone: string }) {
  const [result, setResult] = useState<ActionResult | null>(null)
  const [pending, startTransition] = useTransition()
  const run = (work: () => Promise<ActionResult>) => startTransition(async () => setResult(await work()))
  return (
    <div className="flex flex-col gap-3">
      {result?.status === 'ok' && <FormMessage tone="success">{result.message}</FormMessage>}
      {result?.status === 'error' && <FormMessage tone="error">{result.message}</FormMessage>}
      <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="session-row">
            <div>
              <p className="font-medium">
                {s.device ?? 'Unknown device'}
                {s.current && <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">this device</span>}
              </p>
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {s.ip ?? 'unknown ip'} · signed in {dateTime(s.created_at, timeZone)} · last seen {dateTime(s.last_seen_at, timeZone)}
              </p>
            </div>
            {!s.current && (
              <Button variant="secondary" disabled={pending} onClick={() => run(() => revokeSessionAction(s.id))} aria-label={`Sign out ${s.device ?? 'device'}`}>
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      {sessions.length > 1 && (
        <Button variant="secondary" className="self-start" disabled={pending} onClick={() => run(revokeOtherSessionsAction)}>
          Sign out all other devices
        </Button>
      )}
    </div>
  )
}
