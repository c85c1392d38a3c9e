// One user's memory events as a server-sent event stream: `memory` events carrying only
// { memory_id, kind }, `locked` { at } when every unlock window of the user closed, `resync` when events may have been missed (the LISTEN connection dropped,
// or something changed between the caller's last read and this subscription), a comment every
// 25 s so proxies keep the connection, and a `retry:` hint for the browser's reconnection.
import { AppError } from '@/lib/errors'
import { subscribeToMemoryEvents } from './bus'
import { SSE_LOCKED_EVENT, SSE_MEMORY_EVENT, SSE_RESYNC_EVENT, type MemoryEventMessage } from './events'

export const HEARTBEAT_MS = 25_000
/** How long a check that the caller may still listen stands for the events that follow it. */
const RECHECK_MS = 1_000
export const RETRY_MS = 3_000

export interface MemoryEventStreamOptions {
  userId: string
  /** The request's signal: aborted when the client goes away. */
  signal: AbortSignal
  /** Checked at each heartbeat and before delivering events (at most once a second); false (a revoked session or token) ends the stream. */
  stillAllowed?: () => Promise<boolean>
  /**
   * Asked once listening: whether anything changed since the caller's view was read. Yes sends
   * a resync at once, so a write committed between that read and this subscription is not lost.
   */
  changedSince?: () => Promise<boolean>
  heartbeatMs?: number
}

export async function memoryEventStream({ userId, signal, stillAllowed, changedSince, heartbeatMs = HEARTBEAT_MS }: MemoryEventStreamOptions): Promise<Response> {
  const encoder = new TextEncoder()
  let controller!: ReadableStreamDefaultController<Uint8Array>
  let closed = false
  let unsubscribe = () => {}
  let heartbeat: NodeJS.Timeout | undefined

  const send = (text: string) => {
    if (closed) return
    try {
      controller.enqueue(encoder.encode(text))
    } catch {
      close()
    }
  }
  const close = () => {
    if (closed) return
    closed = true
    clearInterval(heartbeat)
    unsubscribe()
    signal.removeEventListener('abort', close)
    try {
      controller.close()
    } catch {
      // the client already cancelled it
    }
  }

  const resync = () => send(`event: ${SSE_RESYNC_EVENT}\ndata: {}\n\n`)

  // A revoked session or token hears nothing more: the check runs before each delivery too, not
  // only at heartbeats (a burst of events shares one check a second), and deliveries stay in order.
  let checkedAt = 0
  let delivering: Promise<void> = Promise.resolve()
  const allowed = async () => {
    if (!stillAllowed || Date.now() - checkedAt < RECHECK_MS) return true
    // A database hiccup is not a revocation: keep the stream and ask again next time.
    const ok = await stillAllowed().catch(() => true)
    if (ok) checkedAt = Date.now()
    return ok
  }
  const deliver = (text: string) => {
    delivering = delivering.then(async () => {
      if (!(await allowed())) return close()
      send(text)
    })
  }

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
    cancel: close,
  })

  try {
    unsubscribe = await subscribeToMemoryEvents(userId, {
      onEvent: (event) => {
        const message: MemoryEventMessage = { memory_id: event.memory_id, kind: event.kind }
        deliver(`event: ${SSE_MEMORY_EVENT}\ndata: ${JSON.stringify(message)}\n\n`)
      },
      onResync: () => deliver(`event: ${SSE_RESYNC_EVENT}\ndata: {}\n\n`),
      onLocked: (at) => deliver(`event: ${SSE_LOCKED_EVENT}\ndata: ${JSON.stringify({ at })}\n\n`),
    })
  } catch (error) {
    close()
    throw new AppError('unavailable:events', { message: 'Live updates are unavailable right now; try again shortly.', cause: error })
  }
  if (signal.aborted) {
    close()
  } else {
    signal.addEventListener('abort', close, { once: true })
    send(`retry: ${RETRY_MS}\n: connected\n\n`)
    // Unknown (the database hiccuped): resynchronising is the safe answer.
    if (changedSince && (await changedSince().catch(() => true))) resync()
    heartbeat = setInterval(() => {
      checkedAt = 0
      deliver(': heartbeat\n\n')
    }, heartbeatMs)
    heartbeat.unref()
  }

  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform also keeps Next's gzip (and proxies) from buffering the stream.
      'cache-control': 'no-store, no-transform',
      'x-accel-buffering': 'no',
    },
  })
}
