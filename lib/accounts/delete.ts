// Deleting an account: the user confirms with their password (the last active admin cannot
// leave before promoting someone else); the wrapped data keys go first
// (crypto-shredding: every sealed memory, correction and embedding becomes unreadable for good,
// in backups too), then the rows. The access log keeps its rows, as an audit log must.
import { getDb } from '@/db'
import { deleteTierKeysByUser } from '@/db/queries/tier-keys'
import { deleteUserById, getUserById } from '@/db/queries/users'
import { recordAccess } from '@/lib/audit'
import { ownerPasswordMatches } from './owner-password'
import { forgetDataKeys } from '@/lib/crypto'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { assertNotLastAdmin, assertNotLastAdminIn } from './last-admin'

export async function deleteAccount({ userId, password, info }: { userId: string; password: string; info: RequestInfo }): Promise<void> {
  const db = await getDb()
  const user = await getUserById(db, { id: userId })
  if (!user) throw new AppError('not_found:user')
  if (!(await ownerPasswordMatches(user, password, { info, action: 'account.delete', riskScore: 0.7 }))) {
    throw new AppError('bad_request:account', { message: 'The password is not right.', fieldErrors: { password: ['Not your password.'] } })
  }
  await assertNotLastAdmin(user)
  await shredAccount(userId)
  await recordAccess({ userId, action: 'account.delete', success: true, ...info })
}

/**
 * Deletes the wrapped data keys first (crypto-shredding), then the user and, by cascade, their
 * rows. The last-admin check is repeated inside the transaction, under the admins' row locks, so
 * two deletions at once cannot remove the last two admins.
 */
export async function shredAccount(userId: string): Promise<void> {
  const db = await getDb()
  await db.transaction(async (tx) => {
    const user = await getUserById(tx, { id: userId })
    if (user) await assertNotLastAdminIn(tx, user)
    await deleteTierKeysByUser(tx, { userId })
    await deleteUserById(tx, { id: userId })
  })
  forgetDataKeys(userId)
}
