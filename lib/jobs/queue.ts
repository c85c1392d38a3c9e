// The job queue: pg-boss over the one database client (db/index.ts), on PGlite or PostgreSQL.
// Its tables live in the `pgboss` schema, which pg-boss's own installer creates or migrates at
// start (migration 0015 only makes the schema and lets request transactions enqueue). One queue
// instance per process; several processes on one PostgreSQL share the jobs, each run once.
import { sql } from 'drizzle-orm'
import { fromDrizzle, PgBoss, type DrizzleTransactionLike, type SendOptions } from 'pg-boss'
import { getDatabase, ensureMigrated, type DatabaseHandle, type Tx } from '@/db'
import { DEAD_LETTER, DEAD_LETTER_QUEUE, QUEUES, type QueueName } from './queues'

export const JOB_SCHEMA = 'pgboss'

export interface QueueSettings {
  /** Run cron schedules (the timekeeper) in this instance. */
  schedule?: boolean
  /** Seconds between cron checks (1–45; pg-boss's default is 30). */
  cronMonitorIntervalSeconds?: number
}

/** A started queue instance over a database; tests open several on one database. */
export async function openQueue(handle: DatabaseHandle, settings: QueueSettings = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    db: { executeSql: (text, values) => handle.executeSql(text, values) },
    schema: JOB_SCHEMA,
    migrate: true,
    schedule: settings.schedule ?? true,
    // (pg-boss checks which keys are present, so an unset one is left out rather than undefined.)
    ...(settings.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: settings.cronMonitorIntervalSeconds, cronWorkerIntervalSeconds: 1 } : {}),
    backend: handle.kind === 'pglite' ? 'pglite' : 'postgres',
  })
  // pg-boss reports its own failures (a poll that could not reach the database) as events.
  boss.on('error', (error) => console.error(`[mnemo] job queue: ${error.message.split('\n')[0]}`))
  await boss.start()
  await boss.createQueue(DEAD_LETTER, DEAD_LETTER_QUEUE)
  for (const [name, options] of Object.entries(QUEUES)) await boss.createQueue(name, options)
  return boss
}

// One instance per process, kept on globalThis so dev-mode reloads reuse it.
interface JobsGlobal {
  boss?: Promise<PgBoss>
  /** The database client the instance runs on. */
  handle?: DatabaseHandle
  error?: string
  /** What runs on the queue each time the process's instance starts (the server's workers). */
  onStart?: (boss: PgBoss) => Promise<void>
}
const state = ((globalThis as { __mnemoJobs?: JobsGlobal }).__mnemoJobs ??= {})

/** The process's queue, started on first use (a failed start is tried again next time). */
export async function getQueue(): Promise<PgBoss> {
  await ensureMigrated()
  const handle = await getDatabase()
  if (state.boss && state.handle !== handle) {
    // The database client was replaced (closed and opened again): the old instance goes with it.
    const old = state.boss
    state.boss = undefined
    void old.then((boss) => boss.stop({ graceful: false, close: false })).catch(() => {})
  }
  if (!state.boss) {
    const starting = (async () => {
      const boss = await openQueue(handle)
      try {
        await state.onStart?.(boss)
      } catch (error) {
        await boss.stop({ graceful: false, close: false }).catch(() => {})
        throw error
      }
      return boss
    })()
    state.boss = starting
    state.handle = handle
    starting.then(
      () => (state.error = undefined),
      (error: unknown) => {
        state.error = error instanceof Error ? error.message.split('\n')[0] : String(error)
        if (state.boss === starting) state.boss = undefined
      },
    )
  }
  return state.boss
}

/**
 * Has `work` run on the process's queue whenever it starts (at once if it has started): a
 * server whose first start failed gets its workers when a later call starts the queue.
 */
export async function whenQueueStarts(work: (boss: PgBoss) => Promise<void>): Promise<void> {
  state.onStart = work
  const running = await state.boss?.catch(() => null)
  if (running) await work(running)
  else await getQueue()
}

/** Why the queue is not running, when its last start failed. */
export function queueStartError(): string | undefined {
  return state.error
}

/** Stops the process's queue (tests, shutdown): running jobs get a few seconds to finish. */
export async function stopQueue(): Promise<void> {
  const boss = state.boss
  state.boss = undefined
  if (boss) await (await boss.catch(() => null))?.stop({ graceful: true, timeout: 5_000, close: false })
}

export interface EnqueueOptions {
  /** The same key twice, while the first job waits or runs, is one job. */
  singletonKey?: string
  /** Run at this instant (see nextLocalTime for a user's local time). */
  startAt?: Date
}

function sendOptions({ singletonKey, startAt }: EnqueueOptions): SendOptions {
  return { ...(singletonKey ? { singletonKey } : {}), ...(startAt ? { startAfter: startAt } : {}) }
}

/** Queues a job; null when a job with the same singleton key already waits or runs. */
export async function enqueue(queue: QueueName, data: object, options: EnqueueOptions = {}): Promise<string | null> {
  return (await getQueue()).send(queue, data, sendOptions(options))
}

/**
 * Queues a job in a transaction of the caller's: it exists when the transaction commits, and
 * never when it rolls back. The queue must be started first (`await getQueue()` before the
 * transaction): on PGlite, one connection, a start inside the transaction would wait for it.
 */
export async function enqueueInTransaction(tx: Tx, queue: QueueName, data: object, options: EnqueueOptions = {}): Promise<string | null> {
  const boss = await getQueue()
  // (Drizzle types execute() as unknown; what it resolves with is what fromDrizzle reads.)
  return boss.send(queue, data, { ...sendOptions(options), db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql) })
}
