// The health check: a real round trip to the database and whether its migrations are applied.
import { ensureMigrated, getDatabase } from '@/db'
import { masterKeyProblem } from '@/lib/crypto/check'
import { version } from '@/lib/version'

export interface Health {
  status: 'ok' | 'error'
  db: 'ok' | 'unreachable' | 'migration_failed'
  keys?: 'mismatch'
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
  return { status: 'ok', db: 'ok', version }
}

/** A short, safe reason: the first line of the error, never a stack or a connection string. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0].replace(/postgres(ql)?:\/\/\S+/g, '<DATABASE_URL>').slice(0, 300)
}
