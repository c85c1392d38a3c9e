// An instance always keeps an active administrator: demoting, deactivating or deleting the last
// one (by an admin or by themselves) is refused until someone else is promoted.
import { getDb, type Tx } from '@/db'
import { countActiveAdmins, lockActiveAdmins } from '@/db/queries/admin'
import type { User } from '@/db/schema'
import { AppError } from '@/lib/errors'

const lastAdmin = () => new AppError('conflict:admin', { message: 'This is the last active administrator: promote someone else first.' })

/**
 * Throws `conflict:admin` when `user` is the only active administrator: the early answer, before
 * anything is asked or sent; the transaction that writes repeats it with assertNotLastAdminIn.
 */
export async function assertNotLastAdmin(user: User): Promise<void> {
  if (user.role === 'admin' && user.active && (await countActiveAdmins(await getDb())) <= 1) throw lastAdmin()
}

/**
 * The same check inside the transaction that demotes or deactivates: the active admins' rows are
 * locked, so two admins demoting each other at once cannot both pass (the second waits, then no
 * longer counts the first).
 */
export async function assertNotLastAdminIn(tx: Tx, user: User): Promise<void> {
  if (user.role !== 'admin' || !user.active) return
  const admins = await lockActiveAdmins(tx)
  if (admins.includes(user.id) && admins.length <= 1) throw lastAdmin()
}
