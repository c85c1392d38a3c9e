// The access log across users for the admin, with filters, and the hash chain's verdict.
import { getDb } from '@/db'
import { listAccessLogForAdmin } from '@/db/queries/admin'
import { assertAdmin } from '@/lib/accounts/admin'
import { verifyAccessLog } from '@/lib/audit'
import type { AdminAuditQuery } from './schema'

export async function listAudit(actorId: string, q: AdminAuditQuery) {
  await assertAdmin(actorId)
  const rows = await listAccessLogForAdmin(await getDb(), {
    userId: q.user_id,
    action: q.action,
    success: q.success === undefined ? undefined : q.success === 'true',
    minRisk: q.min_risk,
    before: q.before,
    limit: q.limit,
  })
  return {
    items: rows.map((r) => ({
      id: r.id,
      user_id: r.userId,
      action: r.action,
      tier: r.tier,
      success: r.success,
      ip: r.ip,
      device: r.device,
      risk_score: r.riskScore,
      details: r.details,
      created_at: r.createdAt.toISOString(),
    })),
    next_before: rows.length === q.limit ? rows.at(-1)!.id : null,
  }
}

export async function verifyAudit(actorId: string) {
  await assertAdmin(actorId)
  const verdict = await verifyAccessLog()
  return verdict.ok ? { ok: true, rows: verdict.rows } : { ok: false, rows: verdict.rows, broken_at: verdict.brokenAt, reason: verdict.reason }
}
