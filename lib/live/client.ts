// The browser side of live updates: one EventSource per page, however many components listen,
// open only while the page is visible. The first stream names the time the page's data was read
// (`since`), so the server can say whether something changed before it was listening. After any
// gap — a dropped connection the browser re-opened, a refused one retried with backoff, a page
// that was hidden, a device that was offline — listeners are asked to resynchronise. Coming back
// online opens a new stream rather than trusting the old one (after a network change it may be
// silently dead, or have announced events whose reads failed). Client-only: no React.
import { MEMORY_EVENTS_PATH, parseLockedMessage, parseMemoryEventMessage, SSE_LOCKED_EVENT, SSE_MEMORY_EVENT, SSE_RESYNC_EVENT, type MemoryEventMessage } from './events'

export interface LiveListener {
  onEvent(message: MemoryEventMessage): void
  onResync(): void
  /** Every unlock window of the user closed at `at` (server time, ISO 8601). */
  onLocked?(at: string): void
}

const RETRY_MIN_MS = 2_000
const RETRY_MAX_MS = 60_000

const listeners = new Set<LiveListener>()
let source: EventSource | null = null
let retryTimer: ReturnType<typeof setTimeout> | undefined
let retryMs = RETRY_MIN_MS
/** Whether a stream was open before: the next open follows a gap. */
let connectedBefore = false
/** When the data of the page's first listeners was read, until a stream has opened. */
let since: string | undefined

function each(call: (listener: LiveListener) => void) {
  for (const listener of [...listeners]) call(listener)
}

function connect() {
  if (source || document.visibilityState !== 'visible') return
  const es = new EventSource(since && !connectedBefore ? `${MEMORY_EVENTS_PATH}?since=${encodeURIComponent(since)}` : MEMORY_EVENTS_PATH)
  source = es
  es.addEventListener('open', () => {
    retryMs = RETRY_MIN_MS
    if (connectedBefore) each((l) => l.onResync())
    connectedBefore = true
    since = undefined
  })
  es.addEventListener(SSE_MEMORY_EVENT, (event) => {
    const message = parseMemoryEventMessage((event as MessageEvent<string>).data)
    if (message) each((l) => l.onEvent(message))
  })
  es.addEventListener(SSE_RESYNC_EVENT, () => each((l) => l.onResync()))
  es.addEventListener(SSE_LOCKED_EVENT, (event) => {
    const at = parseLockedMessage((event as MessageEvent<string>).data)
    if (at) each((l) => l.onLocked?.(at))
  })
  es.addEventListener('error', () => {
    // CONNECTING: the browser retries by itself. CLOSED: it gave up (an error status, e.g.
    // signed out, or a server that was down), so try again later, less and less often.
    if (es.readyState !== EventSource.CLOSED || source !== es) return
    source = null
    retryTimer = setTimeout(connect, retryMs)
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS)
  })
}

function disconnect() {
  clearTimeout(retryTimer)
  retryTimer = undefined
  source?.close()
  source = null
}

function onVisibility() {
  if (document.visibilityState === 'visible') connect()
  else disconnect()
}

function onOnline() {
  disconnect()
  retryMs = RETRY_MIN_MS
  connect()
}

/**
 * Listens to the signed-in user's memory events until the returned function is called.
 * `renderedAt`: when the data the listener shows was read on the server (ISO 8601).
 */
export function listenToMemoryEvents(listener: LiveListener, renderedAt?: string): () => void {
  if (renderedAt && !connectedBefore && !source) since = renderedAt
  listeners.add(listener)
  if (listeners.size === 1) {
    document.addEventListener('visibilitychange', onVisibility)
    window.addEventListener('online', onOnline)
    connect()
  }
  return () => {
    listeners.delete(listener)
    if (listeners.size > 0) return
    document.removeEventListener('visibilitychange', onVisibility)
    window.removeEventListener('online', onOnline)
    disconnect()
    connectedBefore = false
    since = undefined
  }
}
