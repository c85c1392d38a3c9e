// The access log: an append-only, chained record of sign-ins, unlocks, reads of protected tiers,
// exports and admin actions. Each row stores a MAC over the previous row's MAC, its place and
// its fields (lib/audit/chain.ts), so editing, deleting or reordering rows breaks the chain at
// that row; the head is checkpointed outside the table, so cutting the end is seen too.
import { getDb, type DbExecutor } from '@/db'
import { countAccessLog, getAccessLogHead, insertAccessLogEntry, lockAccessLogAppends } from '@/db/queries/access-log'
import type { AccessLogEntry } from '@/db/schema'
import { raiseAlerts } from '@/lib/notify/alerts'
import type { Tier } from '@/lib/tiers'
import { logError } from '@/lib/log'
import { auditKey, CHAIN_VERSION, GENESIS_HASH, macEntry } from './chain'
import { writeCheckpoint } from './checkpoint'

export { GENESIS_HASH, hashEntry } from './chain'
export { removeCheckpoint } from './checkpoint'
export { verifyAuditChain, type ChainProblem, type ChainVerdict } from './verify'

export interface AccessEvent {
  userId?: string | null
  action: string
  tier?: Tier | null
  success: boolean
  ip?: string | null
  userAgent?: string | null
  device?: string | null
  riskScore?: number
  /** Never secrets or memory content: ids, counts, reasons. */
  details?: Record<string, unknown>
}

/**
 * Appends one row. Runs as the system (not inside a user's RLS transaction) because the chain
 * links rows of every user; the advisory lock serialises appends so the chain stays linear.
 */
export async function recordAccess(event: AccessEvent, db?: DbExecutor): Promise<AccessLogEntry> {
  const client = db ?? (await getDb())
  return client.transaction(async (tx) => {
    await lockAccessLogAppends(tx)
    const last = await getAccessLogHead(tx)
    const prevHash = last?.hash ?? GENESIS_HASH
    // The first keyed row after version-1 rows counts them once; later rows follow on.
    const position = last ? (last.position ?? (await countAccessLog(tx))) + 1 : 1
    const row = {
      userId: event.userId ?? null,
      action: event.action,
      tier: event.tier ?? null,
      success: event.success,
      ip: event.ip ?? null,
      userAgent: event.userAgent?.slice(0, 512) ?? null,
      device: event.device ?? null,
      riskScore: Math.round((event.riskScore ?? 0) * 1000) / 1000,
      details: event.details ?? {},
      // Millisecond precision, so the hash of what we wrote is the hash of what we read back.
      createdAt: new Date(Math.floor(Date.now())),
    }
    return insertAccessLogEntry(tx, { ...row, prevHash, hash: macEntry(auditKey(), prevHash, position, row), chainVersion: CHAIN_VERSION, position })
  })
  .then(async (inserted) => {
    try {
      writeCheckpoint({ id: inserted.id, position: inserted.position!, hash: inserted.hash })
    } catch (error) {
      // The row is written; only the check of a cut tail loses this row until the next append.
      logError('access log checkpoint', error)
    }
    await raiseAlerts(client, inserted)
    return inserted
  })
}

/** The walk of lib/audit/verify.ts, under its earlier name. */
export { verifyAuditChain as verifyAccessLog } from './verify'
