// The user's own tags, offered as search filters. Only tier-1 memories keep their tags in clear
// (protected tiers seal them), so nothing here hints at a protected memory.
import { listTagsByUser } from '@/db/queries/memories'
import { withUser } from '@/db/with-user'
import type { Principal } from '@/lib/auth/principal-type'

/** The signed-in user's tier-1 tags, most used first. */
export async function listOwnTags(principal: Principal, limit = 30): Promise<string[]> {
  const userId = principal.user.id
  return withUser(userId, (tx) => listTagsByUser(tx, { userId, limit }))
}
