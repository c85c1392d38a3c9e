// Live updates: a memory written anywhere (another device, the API, later Telegram) reaches
// every open timeline of its owner. Writes publish { user_id, memory_id, kind } with pg_notify
// inside their transaction; each server process LISTENs once and fans out to its server-sent
// event streams; the timeline fetches the memory through the usual reading rules.
export { MEMORY_EVENT_KINDS, MEMORY_EVENTS_CHANNEL, type MemoryEvent, type MemoryEventKind, type MemoryEventMessage } from './events'
export { publishLockEvent, publishMemoryEvent } from './publish'
export { subscribeToMemoryEvents, type MemoryEventSubscriber } from './bus'
export { memoryEventStream, HEARTBEAT_MS, RETRY_MS } from './stream'
