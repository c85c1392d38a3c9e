// A session as the API and the settings page show it.
import type { Session } from '@/db/schema'

export function publicSession(row: Session, currentId?: string) {
  return {
    id: row.id,
    device: row.device,
    user_agent: row.userAgent,
    ip: row.ip,
    created_at: row.createdAt.toISOString(),
    last_seen_at: row.lastSeenAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    current: row.id === currentId,
  }
}
