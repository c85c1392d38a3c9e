'use client'
// The failed jobs on the System page, each with Retry and Discard.
import { useActionState } from 'react'
import { failedJobAction } from '@/app/admin/actions'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { IDLE, type ActionResult } from '@/lib/http/action-result'

export interface FailedJobView {
  id: string
  queue: string
  error: string
  failed_at: string | null
}

function Row({ job }: { job: FailedJobView }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(failedJobAction, IDLE)
  return (
    <li className="flex flex-col gap-1 rounded-lg border border-slate-200 p-2 text-sm dark:border-slate-700">
      <p>
        <span className="font-medium">{job.queue}</span> · <span className="font-mono text-xs">{job.id}</span>
        {job.failed_at && <span> · {job.failed_at}</span>}
      </p>
      <p className="break-all">{job.error}</p>
      <form action={action} className="flex gap-2">
        <input type="hidden" name="job_id" value={job.id} />
        <Button type="submit" name="op" value="retry" variant="secondary" className="px-3 py-1 text-sm" disabled={pending}>
          Retry
        </Button>
        <Button type="submit" name="op" value="discard" variant="secondary" className="px-3 py-1 text-sm" disabled={pending}>
          Discard
        </Button>
      </form>
      <FormMessage tone={state.status === 'ok' ? 'success' : 'error'}>{state.status === 'idle' ? null : state.message}</FormMessage>
    </li>
  )
}

export function FailedJobs({ jobs }: { jobs: FailedJobView[] }) {
  if (jobs.length === 0) return <p className="text-sm">No failed job.</p>
  return (
    <ul className="flex flex-col gap-2" data-testid="failed-jobs">
      {jobs.map((job) => (
        <Row key={job.id} job={job} />
      ))}
    </ul>
  )
}
