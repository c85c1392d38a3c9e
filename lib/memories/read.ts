// Reading one's own memories: a row as the caller may see it (locked when its tier is not
// unlocked), a row that must be the caller's, and the refusal of a locked read (audited).
import type { DbExecutor } from '@/db'
import { getMemoryById } from '@/db/queries/memories'
import type { Memory } from '@/db/schema'
import { recordAccess } from '@/lib/audit'
import type { Principal } from '@/lib/auth/principal-type'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { assertCanRead, canRead } from './access'
import { readBody } from './sealed'
import { lockedMemory, publicMemory, type LockedMemory, type PublicMemory } from './serialize'
import { isUuid } from '@/lib/http/input'

export type MemoryView = PublicMemory | LockedMemory

export async function view(tx: DbExecutor, principal: Principal, row: Memory): Promise<MemoryView> {
  return canRead(principal, row.tier) ? publicMemory(row, await readBody(tx, row)) : lockedMemory(row)
}

export async function loadOwn(tx: DbExecutor, userId: string, id: string): Promise<Memory> {
  const row = isUuid(id) ? await getMemoryById(tx, { userId, id }) : undefined
  // Another user's id answers exactly like a missing one: 404, never 403.
  if (!row || row.deletedAt) throw new AppError('not_found:memory', { message: 'No such memory.' })
  return row
}

export async function denied(principal: Principal, row: Memory, info?: RequestInfo): Promise<never> {
  await recordAccess({ userId: principal.user.id, action: 'memory.read', tier: row.tier, success: false, ...info, riskScore: 0.3, details: { id: row.id, reason: 'locked' } })
  assertCanRead(principal, row.tier)
  throw new AppError('forbidden:tier')
}
