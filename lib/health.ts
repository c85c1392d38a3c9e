// The health check: a real round trip to the database, whether its migrations are applied, and
// the job queue's state.
import { ensureMigrated, getDatabase } from '@/db'
import { masterKeyProblem } from '@/lib/crypto/check'
import { queueHealth } from '@/lib/jobs'
import { version } from '@/lib/version'

export interface Health {
  status: 'ok' | 'error'
  db: 'ok' | 'unreachable' | 'migration_failed'
  keys?: 'mismatch'
  /** `ok`, or why the job queue is not (not running, or failed jobs waiting for an operator). */
  queue?: string
  /** Jobs that failed all their retries and wait in the dead-letter queue. */
  failed_jobs?: number
  version: string
  reason?: string
}

export async function checkHealth(): Promise<Health> {
  try {
    const handle = await getDatabase()
    await handle.ping()
  } catch (error) {
    return { status: 'error', db: 'unreachable', version, reason: reasonOf(error) }
  }
  try {
    await ensureMigrated()
  } catch (error) {
    return { status: 'error', db: 'migration_failed', version, reason: reasonOf(error) }
  }
  const keyProblem = masterKeyProblem()
  if (keyProblem) return { status: 'error', db: 'ok', keys: 'mismatch', version, reason: keyProblem }
  const queue = await queueHealth()
  // Failed jobs are for an operator to look at; the server itself still serves.
  if (queue.failed === undefined) return { status: 'error', db: 'ok', queue: queue.state, version, reason: queue.state }
  return { status: 'ok', db: 'ok', queue: queue.state, failed_jobs: queue.failed, version }
}

/** A short, safe reason: the first line of the error, never a stack or a connection string. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0].replace(/postgres(ql)?:\/\/\S+/g, '<DATABASE_URL>').slice(0, 300)
}
