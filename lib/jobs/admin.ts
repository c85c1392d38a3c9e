// What an operator sees of the queue and does about it: each queue's depth, the jobs that
// failed all their retries (the dead-letter queue), sending one back or discarding it, and the
// one-line state `GET /api/health` reports. Ids and queue names only: a job's data never leaves.
import { getQueue, queueStartError } from './queue'
import { DEAD_LETTER, QUEUE_NAMES } from './queues'

/** A queue's counts as pg-boss's monitor last took them (once a minute). */
export interface QueueStat {
  name: string
  /** Waiting to run, now or later. */
  queued: number
  active: number
  /** Failed their last retry (each one also waits in the dead-letter queue until handled). */
  failed: number
  total: number
}

export async function queueStats(): Promise<QueueStat[]> {
  const queues = await (await getQueue()).getQueues([...QUEUE_NAMES, DEAD_LETTER])
  return queues
    .map((q) => ({ name: q.name, queued: q.queuedCount, active: q.activeCount, failed: q.failedCount, total: q.totalCount }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

export interface FailedJob {
  /** The dead letter's id: what retryJob and discardJob take. */
  id: string
  /** The queue it failed in, and its id there. */
  queue: string | null
  sourceId: string | null
  /** The last error's message, as the handler threw it (handlers never put user content in one). */
  error: string | null
  attempts: number | null
  failedAt: Date
}

export async function listFailedJobs({ limit = 100 }: { limit?: number } = {}): Promise<FailedJob[]> {
  const jobs = await (await getQueue()).findJobs(DEAD_LETTER, { queued: true, limit })
  return jobs.map((job) => ({
    id: job.id,
    queue: job.sourceName,
    sourceId: job.sourceId,
    // The failed job's output (its error) travels as `sourceOutput`, which pg-boss 12's types omit.
    error: errorOf((job as { sourceOutput?: unknown }).sourceOutput ?? job.output),
    attempts: job.sourceRetryCount === null ? null : job.sourceRetryCount + 1,
    failedAt: job.createdOn,
  }))
}

function errorOf(output: unknown): string | null {
  const message = (output as { message?: unknown } | null)?.message
  return typeof message === 'string' ? message.split('\n')[0].slice(0, 300) : null
}

/** Sends a dead letter back to the queue it failed in, with its retries anew. False when there is no such dead letter. */
export async function retryJob(id: string): Promise<boolean> {
  return (await (await getQueue()).redrive(DEAD_LETTER, { ids: [id] })) === 1
}

/** Drops a dead letter for good. False when there is no such dead letter. */
export async function discardJob(id: string): Promise<boolean> {
  // pg-boss 12 declares CommandResponse empty; at run time it carries `affected`, the rows changed.
  const result = (await (await getQueue()).deleteJob(DEAD_LETTER, id)) as { affected?: number }
  return result.affected === 1
}

/** `ok`, or why not: the queue did not start, or jobs failed and wait for an operator. */
export async function queueHealth(): Promise<{ ok: boolean; state: string; failed?: number }> {
  const startError = queueStartError()
  let failed: number
  try {
    failed = (await (await getQueue()).findJobs(DEAD_LETTER, { queued: true, limit: 1000 })).length
  } catch (error) {
    return { ok: false, state: `not running: ${startError ?? (error instanceof Error ? error.message.split('\n')[0] : String(error))}` }
  }
  return failed === 0 ? { ok: true, state: 'ok', failed } : { ok: false, state: `${failed} failed job${failed === 1 ? '' : 's'} waiting in the dead-letter queue`, failed }
}
