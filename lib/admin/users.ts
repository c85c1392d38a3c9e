// The admin's list of users: account fields and memory counts per tier and per source.
import { getDb } from '@/db'
import { listUsersForAdmin } from '@/db/queries/admin'
import { assertAdmin } from '@/lib/accounts/admin'
import type { AdminUsersQuery } from './schema'

export async function listUsers(actorId: string, query: AdminUsersQuery) {
  await assertAdmin(actorId)
  const { rows, total } = await listUsersForAdmin(await getDb(), query)
  return {
    items: rows.map((r) => ({
      id: r.id,
      phone: r.phone,
      email: r.email,
      name: r.name,
      role: r.role,
      active: r.active,
      max_tier: r.max_tier,
      created_at: r.created_at,
      last_seen_at: r.last_seen_at,
      memories_by_tier: r.by_tier,
      memories_by_source: r.by_source,
    })),
    total,
    limit: query.limit,
    offset: query.offset,
  }
}
