// Memories as the API shows them (DESIGN.md 5), and the locked placeholder.
import type { Memory } from '@/db/schema'
import type { MemoryBody } from './sealed'

export interface PublicMemory {
  id: string
  client_id: string | null
  tier: Memory['tier']
  security_level: number
  content: string
  tags: string[]
  emotion: Record<string, unknown> | null
  entities: Record<string, unknown> | null
  confidence: number | null
  reasoning: string | null
  model: string | null
  source: Memory['source']
  occurred_at: string
  created_at: string
  updated_at: string
}

export interface LockedMemory {
  id: string
  tier: Memory['tier']
  created_at: string
  locked: true
}

/** A memory deleted since it was stored (a replayed client id names it): that, and nothing of it. */
export interface DeletedMemory {
  id: string
  tier: Memory['tier']
  created_at: string
  deleted: true
  deleted_at: string
}

export function deletedMemory(row: Pick<Memory, 'id' | 'tier' | 'createdAt'> & { deletedAt: Date }): DeletedMemory {
  return { id: row.id, tier: row.tier, created_at: row.createdAt.toISOString(), deleted: true, deleted_at: row.deletedAt.toISOString() }
}

/** A stored row as the API shows it; the vector and the tsvector are never part of it. */
export type MemoryRow = Omit<Memory, 'embedding' | 'searchVector'>

export function publicMemory(row: MemoryRow, body: MemoryBody): PublicMemory {
  return {
    id: row.id,
    client_id: row.clientId,
    tier: row.tier,
    security_level: row.securityLevel,
    content: body.content,
    tags: body.tags,
    emotion: body.emotion,
    entities: body.entities,
    confidence: row.confidence,
    reasoning: body.reasoning,
    model: row.model,
    source: row.source,
    occurred_at: row.occurredAt.toISOString(),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  }
}

export function lockedMemory(row: Memory): LockedMemory {
  return { id: row.id, tier: row.tier, created_at: row.createdAt.toISOString(), locked: true }
}

/** What a write tells a caller that may not read memories: that it was written, and where. */
export interface WriteReceipt {
  id: string
  tier: Memory['tier']
  created_at: string
  updated_at?: string
}

export function writeReceipt(memory: PublicMemory | LockedMemory | DeletedMemory): WriteReceipt {
  return { id: memory.id, tier: memory.tier, created_at: memory.created_at, ...('updated_at' in memory ? { updated_at: memory.updated_at } : {}) }
}
