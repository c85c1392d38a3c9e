// The access log: appended to by the system (one append at a time, under an advisory lock),
// walked in id order to verify its chain, and listed by its owner inside their RLS transaction
// (`withUser`), newest first, paged by id and filtered by kind and outcome.
import { and, asc, desc, eq, gte, inArray, lt, ne, notInArray, sql, type SQL } from 'drizzle-orm'
import { rowsOf, type DbExecutor, type Tx } from '../index'
import { accessLog, type AccessLogEntry } from '../schema'

/** Serialises appends until the transaction ends, so the chain stays linear. */
export async function lockAccessLogAppends(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mnemo:access_log'))`)
}

/** The MAC and place of the last row appended; undefined on an empty log. */
export async function getAccessLogHead(db: DbExecutor): Promise<{ hash: string; position: number | null } | undefined> {
  const [last] = await db.select({ hash: accessLog.hash, position: accessLog.position }).from(accessLog).orderBy(desc(accessLog.id)).limit(1)
  return last
}

export async function countAccessLog(db: DbExecutor): Promise<number> {
  return Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from access_log`))[0].n)
}

export async function insertAccessLogEntry(db: DbExecutor, values: typeof accessLog.$inferInsert): Promise<AccessLogEntry> {
  const [inserted] = await db.insert(accessLog).values(values).returning()
  return inserted
}

/** The next `limit` rows after `afterId`, in id order (the chain's order). */
export async function listAccessLogAfterId(db: DbExecutor, { afterId, limit }: { afterId: number; limit: number }): Promise<AccessLogEntry[]> {
  return db.select().from(accessLog).where(sql`${accessLog.id} > ${afterId}`).orderBy(asc(accessLog.id)).limit(limit)
}

export interface ListAccessLogOptions {
  userId: string
  limit: number
  before?: number
  /** Only these actions, or all but these. */
  actions?: { in: string[] } | { notIn: string[] }
  success?: boolean
}

export async function listAccessLogByUser(db: DbExecutor, o: ListAccessLogOptions): Promise<AccessLogEntry[]> {
  const conditions: (SQL | undefined)[] = [eq(accessLog.userId, o.userId)]
  if (o.before) conditions.push(lt(accessLog.id, o.before))
  if (o.actions && 'in' in o.actions) conditions.push(inArray(accessLog.action, o.actions.in))
  if (o.actions && 'notIn' in o.actions) conditions.push(notInArray(accessLog.action, o.actions.notIn))
  if (o.success !== undefined) conditions.push(eq(accessLog.success, o.success))
  return db
    .select()
    .from(accessLog)
    .where(and(...conditions))
    .orderBy(desc(accessLog.id))
    .limit(o.limit)
}

/** How many failed unlocks the user has had since `since`. */
export async function countFailedUnlocksByUser(db: DbExecutor, { userId, since }: { userId: string; since: Date }): Promise<number> {
  const rows = await db
    .select({ id: accessLog.id })
    .from(accessLog)
    .where(and(eq(accessLog.userId, userId), eq(accessLog.action, 'unlock'), eq(accessLog.success, false), gte(accessLog.createdAt, since)))
  return rows.length
}

/** Devices and IPs of the user's latest successful events other than `exceptId`, newest first. */
export function listKnownPlacesByUser(db: DbExecutor, { userId, exceptId, limit }: { userId: string; exceptId: number; limit: number }): Promise<{ device: string | null; ip: string | null }[]> {
  return db
    .select({ device: accessLog.device, ip: accessLog.ip })
    .from(accessLog)
    .where(and(eq(accessLog.userId, userId), eq(accessLog.success, true), ne(accessLog.id, exceptId)))
    .orderBy(desc(accessLog.id))
    .limit(limit)
}

