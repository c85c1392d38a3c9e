'use client'
// Verifies the access log's hash chain from the Audit page and says what it found.
import { useActionState } from 'react'
import { verifyChainAction } from '@/app/admin/actions'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { IDLE, type ActionResult } from '@/lib/http/action-result'

type Verdict = { ok: boolean; rows: number; broken_at?: number; reason?: string }

export function VerifyChain() {
  const [state, action, pending] = useActionState<ActionResult<Verdict>, FormData>(() => verifyChainAction(), IDLE as ActionResult<Verdict>)
  const broken = state.status === 'ok' && state.data && !state.data.ok
  return (
    <form action={action} className="flex flex-col items-start gap-2">
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? 'Verifying…' : 'Verify the hash chain'}
      </Button>
      <FormMessage tone={state.status === 'ok' && !broken ? 'success' : 'error'}>{state.status === 'idle' ? null : state.message}</FormMessage>
    </form>
  )
}
