// Admin actions on accounts. Every one is checked against the actor's role and audited.
import { getDb } from '@/db'
import { revokeSessionsByUser } from '@/db/queries/sessions'
import { getUserById, updateUserById } from '@/db/queries/users'
import type { User } from '@/db/schema'
import { recordAccess } from '@/lib/audit'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'

export async function assertAdmin(actorId: string): Promise<User> {
  const actor = await getUserById(await getDb(), { id: actorId })
  if (!actor || actor.role !== 'admin' || !actor.active) throw new AppError('forbidden:admin', { message: 'Only an administrator can do that.' })
  return actor
}

/** Deactivates (signs out everywhere, refuses sign-in and tokens; keeps data) or reactivates. */
export async function setUserActive({
  actorId,
  userId,
  active,
  info,
}: {
  actorId: string
  userId: string
  active: boolean
  info?: RequestInfo
}): Promise<User> {
  await assertAdmin(actorId)
  if (actorId === userId && !active) throw new AppError('bad_request:admin', { message: 'You cannot deactivate your own account.' })
  const db = await getDb()
  const user = await db.transaction(async (tx) => {
    const updated = await updateUserById(tx, { id: userId, values: { active } })
    if (!updated) throw new AppError('not_found:user')
    if (!active) await revokeSessionsByUser(tx, { userId })
    return updated
  })
  await recordAccess({ userId: actorId, action: active ? 'admin.user.activate' : 'admin.user.deactivate', success: true, ...info, details: { target: userId } })
  return user
}

/** Lowers (or raises, up to 4) the highest tier a user may open; open unlocks above it stop working at once. */
export async function setUserMaxTier({ actorId, userId, maxTier, info }: { actorId: string; userId: string; maxTier: number; info?: RequestInfo }): Promise<User> {
  await assertAdmin(actorId)
  const user = await updateUserById(await getDb(), { id: userId, values: { maxTier } })
  if (!user) throw new AppError('not_found:user')
  await recordAccess({ userId: actorId, action: 'admin.user.max_tier', success: true, ...info, details: { target: userId, maxTier } })
  return user
}
