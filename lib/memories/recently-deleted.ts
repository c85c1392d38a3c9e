// "Recently deleted": the memories a person deleted within the undo window, to restore one.
// Protected ones stay placeholders unless their tier is open, exactly as on the timeline.
import { listDeletedMemoriesByUser } from '@/db/queries/memories'
import { withUser } from '@/db/with-user'
import { recordAccess } from '@/lib/audit'
import type { Principal } from '@/lib/auth/principal'
import type { RequestInfo } from '@/lib/http/request-info'
import { TIER_LEVEL } from '@/lib/tiers'
import { canRead } from './access'
import { UNDO_WINDOW_DAYS } from './index'
import { readBody } from './sealed'
import { lockedMemory, publicMemory, type LockedMemory, type PublicMemory } from './serialize'

const MAX_LISTED = 200

export type DeletedMemory = (PublicMemory | LockedMemory) & { deleted_at: string; restorable_until: string }

export async function listRecentlyDeleted(principal: Principal, info?: RequestInfo, now = new Date()): Promise<DeletedMemory[]> {
  const userId = principal.user.id
  const windowMs = UNDO_WINDOW_DAYS * 86_400_000
  const { out, read } = await withUser(userId, async (tx) => {
    const rows = await listDeletedMemoriesByUser(tx, { userId, since: new Date(now.getTime() - windowMs), limit: MAX_LISTED })
    const out: DeletedMemory[] = []
    const read: string[] = []
    for (const row of rows) {
      const deletedAt = row.deletedAt as Date
      const open = canRead(principal, row.tier)
      if (open && TIER_LEVEL[row.tier] >= 2) read.push(row.id)
      const shown = open ? publicMemory(row, await readBody(tx, row)) : lockedMemory(row)
      out.push({ ...shown, deleted_at: deletedAt.toISOString(), restorable_until: new Date(deletedAt.getTime() + windowMs).toISOString() })
    }
    return { out, read }
  })
  // Reading protected content is logged like any other read (ids only).
  if (read.length > 0) {
    await recordAccess({ userId, action: 'memory.read', tier: topTier(out, read), success: true, ...info, details: { ids: read.slice(0, 100), count: read.length, via: principal.kind, deleted: true } })
  }
  return out
}

function topTier(items: DeletedMemory[], ids: string[]) {
  const wanted = new Set(ids)
  return items.filter((m) => wanted.has(m.id)).reduce((a, b) => (TIER_LEVEL[b.tier] > TIER_LEVEL[a.tier] ? b : a)).tier
}
