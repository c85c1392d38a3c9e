// One user's memory events as a server-sent event stream: `memory` events carrying only
// { memory_id, kind }, `locked` { at } when every unlock window of the user closed, `resync` when events may have been missed (the LISTEN connection dropped,
// or something changed between the caller's last read and this subscription), a comment every
// 25 s so proxies keep the connection, and a `retry:` hint for the browser's reconnection.
import { AppError } from '@/lib/errors'
import { subscribeToMemoryEvents } from './bus'
import { SSE_LOCKED_EVENT, SSE_MEMORY_EVENT, SSE_RESYNC_EVENT, type MemoryEventMessage } from './events'

export const HEARTBEAT_MS = 25_000
export const RETRY_MS = 3_000

export interface MemoryEventStreamOptions {
  userId: string
  /** The request's signal: aborted when the client goes away. */
  signal: AbortSignal
  /** Checked at each heartbeat; false (a revoked session or token) ends the stream. */
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
        send(`event: ${SSE_MEMORY_EVENT}\ndata: ${JSON.stringify(message)}\n\n`)
      },
      onResync: resync,
      onLocked: (at) => send(`event: ${SSE_LOCKED_EVENT}\ndata: ${JSON.stringify({ at })}\n\n`),
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
    heartbeat = setInterval(async () => {
      // A database hiccup is not a revocation: keep the stream and ask again next time.
      if (stillAllowed && !(await stillAllowed().catch(() => true))) return close()
      send(': heartbeat\n\n')
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
