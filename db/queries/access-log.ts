// A user's own access log, newest first, paged by id and filtered by kind and outcome.
// Called inside the owner's RLS transaction (`withUser`).
import { and, desc, eq, inArray, lt, notInArray, type SQL } from 'drizzle-orm'
import type { DbExecutor } from '../index'
import { accessLog, type AccessLogEntry } from '../schema'

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
