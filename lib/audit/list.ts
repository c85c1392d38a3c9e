// A user's own access log, newest first (through RLS: nobody else's rows are visible).
import { desc, eq, lt, and } from 'drizzle-orm'
import { accessLog, type AccessLogEntry } from '@/db/schema'
import { withUser } from '@/db/with-user'

export function listAccessLog({ userId, limit = 50, before }: { userId: string; limit?: number; before?: number }): Promise<AccessLogEntry[]> {
  return withUser(userId, (tx) =>
    tx
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.userId, userId), before ? lt(accessLog.id, before) : undefined))
      .orderBy(desc(accessLog.id))
      .limit(limit),
  )
}

export function publicAccessEntry(row: AccessLogEntry) {
  return {
    id: row.id,
    action: row.action,
    tier: row.tier,
    success: row.success,
    ip: row.ip,
    device: row.device,
    risk_score: row.riskScore,
    at: row.createdAt.toISOString(),
  }
}
