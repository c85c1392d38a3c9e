// A user's own access log, newest first (through RLS: nobody else's rows are visible): paged,
// filtered by kind (reads of protected memories, or account and security events) and outcome,
// and with runs of the same event (a page view reading protected memories again and again)
// shown as one row with a count.
import { listAccessLogByUser } from '@/db/queries/access-log'
import type { AccessLogEntry } from '@/db/schema'
import { withUser } from '@/db/with-user'
import type { AccessKind } from './schema'

export { ACCESS_KINDS, type AccessKind } from './schema'

/** Reading protected content; everything else is an account or security event. */
const READ_ACTIONS = ['memory.read', 'search.read']

export interface AccessLogFilter {
  kind?: AccessKind
  /** true: only what succeeded; false: only what failed. */
  success?: boolean
}

export function listAccessLog({ userId, limit = 50, before, kind = 'all', success }: { userId: string; limit?: number; before?: number } & AccessLogFilter): Promise<AccessLogEntry[]> {
  const actions = kind === 'reads' ? { in: READ_ACTIONS } : kind === 'account' ? { notIn: READ_ACTIONS } : undefined
  return withUser(userId, (tx) => listAccessLogByUser(tx, { userId, limit, before, actions, success }))
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

export type PublicAccessEntry = ReturnType<typeof publicAccessEntry>
/** One row of the log as shown: `count` events alike in a row, from `first_at` to `at`. */
export type AccessGroup = PublicAccessEntry & { count: number; first_at: string }

/** Collapses neighbouring entries (newest first) of the same action, tier and outcome from one place (an unknown place joins any). */
export function groupAccessEntries(entries: PublicAccessEntry[]): AccessGroup[] {
  const groups: AccessGroup[] = []
  const same = (a: string | null, b: string | null) => a === null || b === null || a === b
  for (const e of entries) {
    const last = groups[groups.length - 1]
    if (last && last.action === e.action && last.tier === e.tier && last.success === e.success && same(last.ip, e.ip) && same(last.device, e.device)) {
      last.count++
      last.first_at = e.at
      last.ip ??= e.ip
      last.device ??= e.device
    } else {
      groups.push({ ...e, count: 1, first_at: e.at })
    }
  }
  return groups
}
