// The server's background work, as handlers of the queue's jobs, and its cron schedules. Started
// once per server process (lib/startup.ts); the queue's worker is the only timer mnemo runs.
import type { Job, JobResult, PgBoss } from 'pg-boss'
import { whenQueueStarts } from './queue'
import { SCHEDULES, type QueueName } from './queues'

export interface AfterCaptureJob {
  user_id: string
  memory_id: string
}

type Handler = (data: object) => Promise<void>

const HANDLERS: Record<QueueName, Handler> = {
  // A new memory is stored: the place where work on it (its connections) will run.
  'after-capture': async () => {},
  'purge-deleted': async () => {
    const { purgeExpiredMemories } = await import('@/lib/memories')
    const purged = await purgeExpiredMemories()
    if (purged > 0) console.log(`[mnemo] purged ${purged} memories deleted over 30 days ago`)
  },
  reembed: async () => {
    const { countStaleEmbeddings, currentEmbeddingModelId, reembedMemories } = await import('@/lib/embeddings/reembed')
    const stale = await countStaleEmbeddings()
    if (stale === 0) return
    console.log(`[mnemo] ${stale} memories were embedded by another model: re-embedding with ${currentEmbeddingModelId()}`)
    const progress = await reembedMemories()
    console.log(`[mnemo] re-embedded ${progress.updated} memories; ${progress.remaining} remain`)
  },
}

/**
 * Jobs fetched at once per queue. After-capture jobs come one per memory: fetching and settling
 * them in batches costs two statements per batch instead of two per memory (measured with
 * bench:capture on PGlite, where every statement waits for the one connection).
 */
const BATCH: Record<QueueName, number> = { 'after-capture': 25, 'purge-deleted': 1, reembed: 1 }

/** Registers a handler for each queue and the cron schedules on a started queue. */
export async function workOn(boss: PgBoss, handlers: Partial<Record<QueueName, Handler>> = HANDLERS, { pollingIntervalSeconds = 2 } = {}) {
  for (const [queue, handler] of Object.entries(handlers) as [QueueName, Handler][]) {
    await boss.work(
      queue,
      { pollingIntervalSeconds, batchSize: BATCH[queue], perJobResults: true },
      async (jobs: Job<object>[]) => {
        // Each job of a batch succeeds or fails on its own: one failure retries only its job.
        const results: JobResult[] = []
        for (const job of jobs) {
          try {
            await handler(job.data)
            results.push({ id: job.id, status: 'completed' })
          } catch (error) {
            // The queue keeps the error for the dead-letter list; the log says which job, not what it held.
            console.error(`[mnemo] job ${queue} ${job.id} failed: ${error instanceof Error ? error.name : 'error'}`)
            const message = error instanceof Error ? error.message : String(error)
            results.push({ id: job.id, status: 'failed', output: { name: error instanceof Error ? error.name : 'Error', message } })
          }
        }
        return results
      },
    )
  }
  for (const { queue, cron } of SCHEDULES) await boss.schedule(queue, cron, {}, { tz: 'UTC' })
}

/** Starts the process's queue with every handler; a model change since the last start is re-embedded. */
export async function startWorkers(): Promise<void> {
  await whenQueueStarts(async (boss) => {
    await workOn(boss)
    await boss.send('reembed', {})
  })
}
