// The server side of live updates: one LISTEN per process (per database client) on the memory
// events channel, fanned out to this process's subscribers by user. On PostgreSQL the LISTEN
// rides on postgres-js's dedicated connection, which reconnects after a drop; subscribers are
// then told to resynchronise, since notifications sent while it was down are lost. On PGlite
// the one embedded backend delivers its own notifications at commit.
import { logError } from '@/lib/log'
import { getDatabase, type DatabaseHandle } from '@/db'
import { MEMORY_EVENTS_CHANNEL, parseLockEvent, parseMemoryEvent, type MemoryEvent } from './events'

export interface MemoryEventSubscriber {
  onEvent(event: MemoryEvent): void
  /** Listening was re-established after a drop: events may have been missed. */
  onResync?(): void
  /** Every unlock window of the user closed at `at` (ISO 8601). */
  onLocked?(at: string): void
}

interface Bus {
  subscribers: Map<string, Set<MemoryEventSubscriber>>
  listening?: Promise<unknown>
}

// Kept on globalThis so dev-mode reloads share one bus, keyed by client so tests' databases don't mix.
const buses = ((globalThis as { __mnemoLiveBuses?: WeakMap<DatabaseHandle, Bus> }).__mnemoLiveBuses ??= new WeakMap())

function each(bus: Bus, userId: string | null, call: (subscriber: MemoryEventSubscriber) => void) {
  const targets = userId ? [...(bus.subscribers.get(userId) ?? [])] : [...bus.subscribers.values()].flatMap((set) => [...set])
  for (const subscriber of targets) {
    try {
      call(subscriber)
    } catch (error) {
      logError('live-update subscriber', error)
    }
  }
}

/** Starts the process's LISTEN once; a failure is not cached, so the next subscriber retries. */
function listen(handle: DatabaseHandle, bus: Bus): Promise<unknown> {
  if (!bus.listening) {
    let connections = 0
    // LISTEN is driver plumbing (the handle's own connection, db/index.ts), not a query: no db/queries here.
    const starting = handle.listen(
      MEMORY_EVENTS_CHANNEL,
      (payload) => {
        const event = parseMemoryEvent(payload)
        if (event) return each(bus, event.user_id, (s) => s.onEvent(event))
        const lock = parseLockEvent(payload)
        if (lock) each(bus, lock.user_id, (s) => s.onLocked?.(lock.at))
      },
      () => {
        if (++connections > 1) each(bus, null, (s) => s.onResync?.())
      },
    )
    bus.listening = starting
    starting.catch(() => {
      if (bus.listening === starting) bus.listening = undefined
    })
  }
  return bus.listening
}

/**
 * Delivers the events of one user's memories, committed after this resolves, to `subscriber`
 * until the returned function is called.
 */
export async function subscribeToMemoryEvents(userId: string, subscriber: MemoryEventSubscriber): Promise<() => void> {
  const handle = await getDatabase()
  let bus = buses.get(handle)
  if (!bus) buses.set(handle, (bus = { subscribers: new Map() }))
  const own = bus.subscribers.get(userId) ?? new Set()
  bus.subscribers.set(userId, own)
  own.add(subscriber)
  const unsubscribe = () => {
    own.delete(subscriber)
    if (own.size === 0 && bus.subscribers.get(userId) === own) bus.subscribers.delete(userId)
  }
  try {
    await listen(handle, bus)
  } catch (error) {
    unsubscribe()
    throw error
  }
  return unsubscribe
}
