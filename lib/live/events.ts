// What travels when a memory changes: who, which memory, what happened — never content, tags or
// tier (a tier-2+ memory's words must not leave the database unsealed, and NOTIFY payloads are
// visible to anyone who can LISTEN). Client-safe: the timeline parses the same shape.

export const MEMORY_EVENT_KINDS = ['created', 'updated', 'moved', 'deleted', 'restored'] as const
export type MemoryEventKind = (typeof MEMORY_EVENT_KINDS)[number]

/** The NOTIFY payload, and what the bus hands to a user's subscribers. */
export interface MemoryEvent {
  user_id: string
  memory_id: string
  kind: MemoryEventKind
}

/** What the events stream sends the browser (the user is implied by the session). */
export type MemoryEventMessage = Pick<MemoryEvent, 'memory_id' | 'kind'>

/** Where the browser opens its event stream. */
export const MEMORY_EVENTS_PATH = '/api/v1/events'

/** The PostgreSQL channel memory events are announced on. */
export const MEMORY_EVENTS_CHANNEL = 'mnemo_memory_events'

/** The SSE event name of a memory event, and of "you may have missed some: reload". */
export const SSE_MEMORY_EVENT = 'memory'
export const SSE_RESYNC_EVENT = 'resync'
/** The SSE event name of "every unlock window of yours was just closed" ({ at }: when). */
export const SSE_LOCKED_EVENT = 'locked'

/** The NOTIFY payload of "Lock now": the user's every unlock window closed at `at`. */
export interface LockEvent {
  user_id: string
  kind: 'locked'
  at: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function jsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** An SSE `memory` event's data, or null when it is not one. */
export function parseMemoryEventMessage(data: string): MemoryEventMessage | null {
  const value = jsonObject(data)
  const { memory_id, kind } = value ?? {}
  if (typeof memory_id !== 'string' || !UUID.test(memory_id)) return null
  if (typeof kind !== 'string' || !(MEMORY_EVENT_KINDS as readonly string[]).includes(kind)) return null
  return { memory_id, kind: kind as MemoryEventKind }
}

/** A notification as sent by `publishMemoryEvent`, or null for anything else on the channel. */
export function parseMemoryEvent(payload: string): MemoryEvent | null {
  const message = parseMemoryEventMessage(payload)
  const userId = jsonObject(payload)?.user_id
  if (!message || typeof userId !== 'string' || !UUID.test(userId)) return null
  return { user_id: userId, ...message }
}

/** A lock notification as sent by `publishLockEvent`, or null for anything else. */
export function parseLockEvent(payload: string): LockEvent | null {
  const value = jsonObject(payload)
  const { user_id, kind, at } = value ?? {}
  if (kind !== 'locked' || typeof user_id !== 'string' || !UUID.test(user_id)) return null
  if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) return null
  return { user_id, kind, at }
}

/** An SSE `locked` event's time (ISO 8601), or null when it is not one. */
export function parseLockedMessage(data: string): string | null {
  const at = jsonObject(data)?.at
  return typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? at : null
}
