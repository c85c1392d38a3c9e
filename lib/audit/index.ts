// The access log: an append-only, hash-chained record of sign-ins, unlocks, reads of protected
// tiers, exports and admin actions. Each row stores SHA-256 over the previous row's hash and
// its own fields, so editing, deleting or reordering rows breaks the chain at that row.
import { createHash } from 'node:crypto'
import { asc, desc, sql } from 'drizzle-orm'
import { getDb, type DbExecutor } from '@/db'
import { accessLog, type AccessLogEntry } from '@/db/schema'
import { raiseAlerts } from '@/lib/notify/alerts'
import type { Tier } from '@/lib/tiers'

export const GENESIS_HASH = '0'.repeat(64)

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

type ChainFields = Pick<
  AccessLogEntry,
  'userId' | 'action' | 'tier' | 'success' | 'ip' | 'userAgent' | 'device' | 'riskScore' | 'details' | 'createdAt'
>

export function hashEntry(prevHash: string, row: ChainFields): string {
  const canonical = JSON.stringify([
    prevHash,
    row.userId ?? null,
    row.action,
    row.tier ?? null,
    row.success,
    row.ip ?? null,
    row.userAgent ?? null,
    row.device ?? null,
    Math.round((row.riskScore ?? 0) * 1000) / 1000,
    sortKeys(row.details ?? {}),
    new Date(row.createdAt).toISOString(),
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    )
  }
  return value
}

/**
 * Appends one row. Runs as the system (not inside a user's RLS transaction) because the chain
 * links rows of every user; the advisory lock serialises appends so the chain stays linear.
 */
export async function recordAccess(event: AccessEvent, db?: DbExecutor): Promise<AccessLogEntry> {
  const client = db ?? (await getDb())
  return client.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mnemo:access_log'))`)
    const [last] = await tx.select({ hash: accessLog.hash }).from(accessLog).orderBy(desc(accessLog.id)).limit(1)
    const prevHash = last?.hash ?? GENESIS_HASH
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
    const [inserted] = await tx
      .insert(accessLog)
      .values({ ...row, prevHash, hash: hashEntry(prevHash, row) })
      .returning()
    return inserted
  })
  .then(async (inserted) => {
    await raiseAlerts(client, inserted)
    return inserted
  })
}

export type ChainVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string }

/** Walks the whole chain in id order and names the first row that does not link. */
export async function verifyAccessLog(db?: DbExecutor, batchSize = 1000): Promise<ChainVerdict> {
  const client = db ?? (await getDb())
  let prevHash = GENESIS_HASH
  let lastId = 0
  let rows = 0
  for (;;) {
    const batch = await client
      .select()
      .from(accessLog)
      .where(sql`${accessLog.id} > ${lastId}`)
      .orderBy(asc(accessLog.id))
      .limit(batchSize)
    for (const row of batch) {
      rows++
      if (row.prevHash !== prevHash) {
        return { ok: false, rows, brokenAt: row.id, reason: 'does not link to the row before it (a row was deleted, inserted or reordered)' }
      }
      if (hashEntry(prevHash, row) !== row.hash) {
        return { ok: false, rows, brokenAt: row.id, reason: 'its fields do not match its hash (the row was edited)' }
      }
      prevHash = row.hash
      lastId = row.id
    }
    if (batch.length < batchSize) return { ok: true, rows }
  }
}
