// The user's in-app notifications (security alerts now; digests later).
import { countUnreadNotificationsByUser, listNotificationsByUser, markNotificationsReadByUser } from '@/db/queries/notifications'
import type { Notification } from '@/db/schema'
import { withUser } from '@/db/with-user'

export function listNotifications({ userId, limit = 30 }: { userId: string; limit?: number }): Promise<Notification[]> {
  return withUser(userId, (tx) => listNotificationsByUser(tx, { userId, limit }))
}

export function countUnread({ userId }: { userId: string }): Promise<number> {
  return withUser(userId, (tx) => countUnreadNotificationsByUser(tx, { userId }))
}

/** Marks the given notifications (all when none given) read. */
export function markRead({ userId, ids }: { userId: string; ids?: string[] }): Promise<number> {
  return withUser(userId, (tx) => markNotificationsReadByUser(tx, { userId, ids }))
}
export function publicNotification(n: Notification) {
  return { id: n.id, kind: n.kind, title: n.title, body: n.body, read: n.readAt !== null, created_at: n.createdAt.toISOString() }
}
