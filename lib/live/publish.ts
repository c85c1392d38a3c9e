// Announces a change to a memory from inside the transaction that makes it. pg_notify is
// transactional on PostgreSQL and on PGlite alike: listeners hear of the change when the
// transaction commits, and never of one that rolls back.
import type { Tx } from '@/db'
import { notifyLiveEvent } from '@/db/queries/live-events'
import { MEMORY_EVENTS_CHANNEL, type LockEvent, type MemoryEvent } from './events'

export async function publishMemoryEvent(tx: Tx, event: MemoryEvent): Promise<void> {
  // Exactly these three fields, whatever object the caller passed: nothing else may ride along.
  const payload: MemoryEvent = { user_id: event.user_id, memory_id: event.memory_id, kind: event.kind }
  await notifyLiveEvent(tx, { channel: MEMORY_EVENTS_CHANNEL, payload: JSON.stringify(payload) })
}

/** Announces that every unlock window of the user closed (at the transaction's time). */
export async function publishLockEvent(tx: Tx, userId: string): Promise<void> {
  const payload: LockEvent = { user_id: userId, kind: 'locked', at: new Date().toISOString() }
  await notifyLiveEvent(tx, { channel: MEMORY_EVENTS_CHANNEL, payload: JSON.stringify(payload) })
}
