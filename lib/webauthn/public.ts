// A passkey as the API and the settings page show it.
import type { Passkey } from '@/db/schema'

export function publicPasskey(p: Passkey) {
  return {
    id: p.id,
    name: p.name,
    created_at: p.createdAt.toISOString(),
    last_used_at: p.lastUsedAt?.toISOString() ?? null,
    backed_up: p.backedUp,
  }
}
