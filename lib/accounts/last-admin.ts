// An instance always keeps an active administrator: demoting, deactivating or deleting the last
// one (by an admin or by themselves) is refused until someone else is promoted.
import { getDb } from '@/db'
import { countActiveAdmins } from '@/db/queries/admin'
import type { User } from '@/db/schema'
import { AppError } from '@/lib/errors'

/** Throws `conflict:admin` when `user` is the only active administrator. */
export async function assertNotLastAdmin(user: User): Promise<void> {
  if (user.role === 'admin' && user.active && (await countActiveAdmins(await getDb())) <= 1) {
    throw new AppError('conflict:admin', { message: 'This is the last active administrator: promote someone else first.' })
  }
}
