// The user's in-app notifications (security alerts now; digests later).
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { anyOf } from '@/db/any-of'
import { notifications, type Notification } from '@/db/schema'
import { withUser } from '@/db/with-user'

export function listNotifications({ userId, limit = 30 }: { userId: string; limit?: number }): Promise<Notification[]> {
  return withUser(userId, (tx) => tx.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(limit))
}

export async function countUnread({ userId }: { userId: string }): Promise<number> {
  const [row] = await withUser(userId, (tx) =>
    tx.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))),
  )
  return Number(row.n)
}

/** Marks the given notifications (all when none given) read. */
export async function markRead({ userId, ids }: { userId: string; ids?: string[] }): Promise<number> {
  const rows = await withUser(userId, (tx) =>
    tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids?.length ? anyOf(notifications.id, ids) : undefined))
      .returning({ id: notifications.id }),
  )
  return rows.length
}

export function publicNotification(n: Notification) {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, read: n.readAt !== null, created_at: n.createdAt.toISOString() }
}
