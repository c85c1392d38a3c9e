// The job queue as the admin sees it (lib/jobs): depth per queue, the jobs that failed all their
// retries with their error, and sending one back or discarding it. Ids and queue names only.
import { discardJob, listFailedJobs, queueStats, retryJob } from '@/lib/jobs'
import { assertAdmin } from '@/lib/accounts/admin'
import { recordAccess } from '@/lib/audit'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'

export interface QueueStatus {
  available: boolean
  /** Why not, when the queue is not running. */
  reason?: string
  queues: { name: string; states: Record<string, number>; failed: number }[]
  failed: { id: string; queue: string; error: string; failed_at: string | null }[]
}

export async function queueStatus(): Promise<QueueStatus> {
  try {
    const [stats, failed] = await Promise.all([queueStats(), listFailedJobs({ limit: 50 })])
    return {
      available: true,
      queues: stats.map((q) => ({ name: q.name, states: { queued: q.queued, active: q.active }, failed: q.failed })),
      failed: failed.map((j) => ({ id: j.id, queue: j.queue ?? 'unknown', error: j.error ?? '(no message)', failed_at: j.failedAt ? new Date(j.failedAt).toISOString() : null })),
    }
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message.split('\n')[0].slice(0, 200) : 'unknown', queues: [], failed: [] }
  }
}

/** Retries (sends back to its queue) or discards a failed job; logged as an admin action. */
export async function handleFailedJob({ actorId, jobId, op, info }: { actorId: string; jobId: string; op: 'retry' | 'discard'; info?: RequestInfo }): Promise<void> {
  await assertAdmin(actorId)
  const done = op === 'retry' ? await retryJob(jobId) : await discardJob(jobId)
  if (!done) throw new AppError('not_found:job', { message: 'No failed job with that id (already retried or discarded?).' })
  await recordAccess({ userId: actorId, action: `admin.job.${op}`, success: true, ...info, details: { job: jobId } })
}
