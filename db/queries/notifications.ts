// A user's in-app notifications.
import { and, desc, eq, isNull, sql } from 'drizzle-orm'
import { anyOf } from '../any-of'
import type { DbExecutor } from '../index'
import { notifications, type Notification } from '../schema'

/** Newest first. */
export function listNotificationsByUser(db: DbExecutor, { userId, limit }: { userId: string; limit: number }): Promise<Notification[]> {
  return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)).limit(limit)
}

export async function countUnreadNotificationsByUser(db: DbExecutor, { userId }: { userId: string }): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
  return Number(row.n)
}

/** Marks the given unread notifications (all when no ids) read; how many were. */
export async function markNotificationsReadByUser(db: DbExecutor, { userId, ids }: { userId: string; ids?: string[] }): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), ids?.length ? anyOf(notifications.id, ids) : undefined))
    .returning({ id: notifications.id })
  return rows.length
}

/** Stores in-app notifications (the caller's transaction carries the user for row level security). */
export async function insertNotifications(db: DbExecutor, values: (typeof notifications.$inferInsert)[]): Promise<void> {
  if (values.length > 0) await db.insert(notifications).values(values)
}

