// The browser side of live updates, against a scripted EventSource, document and window.
import { randomUUID } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LiveListener } from '@/lib/live/client'

class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSED = 2
  static made: FakeEventSource[] = []
  readyState = FakeEventSource.CONNECTING
  closed = false

  constructor(readonly url: string) {
    super()
    FakeEventSource.made.push(this)
  }

  open() {
    this.readyState = FakeEventSource.OPEN
    this.dispatchEvent(new Event('open'))
  }

  emit(type: string, data: string) {
    this.dispatchEvent(new MessageEvent(type, { data }))
  }

  /** A drop: the browser reconnects by itself (CONNECTING) or gives up (CLOSED). */
  drop(givesUp: boolean) {
    this.readyState = givesUp ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING
    this.dispatchEvent(new Event('error'))
  }

  close() {
    this.readyState = FakeEventSource.CLOSED
    this.closed = true
  }
}

const page = Object.assign(new EventTarget(), { visibilityState: 'visible' as 'visible' | 'hidden' })
const browserWindow = new EventTarget()

function recorder() {
  const seen: string[] = []
  const listener: LiveListener = {
    onEvent: (m) => seen.push(`${m.kind}:${m.memory_id}`),
    onResync: () => seen.push('resync'),
  }
  return { seen, listener }
}

let listen: typeof import('@/lib/live/client').listenToMemoryEvents
const latest = () => FakeEventSource.made.at(-1)!

beforeEach(async () => {
  FakeEventSource.made = []
  page.visibilityState = 'visible'
  vi.stubGlobal('EventSource', FakeEventSource)
  vi.stubGlobal('document', page)
  vi.stubGlobal('window', browserWindow)
  vi.useFakeTimers()
  vi.resetModules()
  listen = (await import('@/lib/live/client')).listenToMemoryEvents
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('live updates in the browser', () => {
  it('opens one stream for all listeners, passes memory events on and ignores malformed ones', () => {
    const a = recorder()
    const b = recorder()
    const stopA = listen(a.listener)
    const stopB = listen(b.listener)
    expect(FakeEventSource.made).toHaveLength(1)
    expect(latest().url).toBe('/api/v1/events')
    latest().open()
    const id = randomUUID()
    latest().emit('memory', JSON.stringify({ memory_id: id, kind: 'created' }))
    latest().emit('memory', JSON.stringify({ memory_id: id, kind: 'exploded' }))
    latest().emit('memory', '{not json')
    latest().emit('memory', JSON.stringify({ memory_id: 'x', kind: 'created' }))
    expect(a.seen).toEqual([`created:${id}`])
    expect(b.seen).toEqual([`created:${id}`])

    stopA()
    expect(latest().closed).toBe(false)
    stopB()
    expect(latest().closed).toBe(true)
  })

  it('closes while the page is hidden and resynchronises when it is shown again', () => {
    const { seen, listener } = recorder()
    const stop = listen(listener)
    latest().open()
    page.visibilityState = 'hidden'
    page.dispatchEvent(new Event('visibilitychange'))
    expect(latest().closed).toBe(true)

    page.visibilityState = 'visible'
    page.dispatchEvent(new Event('visibilitychange'))
    expect(FakeEventSource.made).toHaveLength(2)
    expect(seen).toEqual([])
    latest().open()
    expect(seen).toEqual(['resync'])
    stop()
  })

  it('resynchronises after the browser re-opens a dropped stream, and retries with backoff one it gave up on', () => {
    const { seen, listener } = recorder()
    const stop = listen(listener)
    latest().open()
    latest().drop(false)
    expect(FakeEventSource.made).toHaveLength(1)
    latest().open()
    expect(seen).toEqual(['resync'])

    latest().drop(true)
    vi.advanceTimersByTime(1_999)
    expect(FakeEventSource.made).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(FakeEventSource.made).toHaveLength(2)
    // Refused again (signed out, server down): the next try waits twice as long.
    latest().drop(true)
    vi.advanceTimersByTime(3_999)
    expect(FakeEventSource.made).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(FakeEventSource.made).toHaveLength(3)
    latest().open()
    expect(seen).toEqual(['resync', 'resync'])
    stop()
    vi.advanceTimersByTime(120_000)
    expect(FakeEventSource.made).toHaveLength(3)
  })

  it("resynchronises on the server's resync event", () => {
    const { seen, listener } = recorder()
    const stop = listen(listener)
    latest().open()
    latest().emit('resync', '{}')
    expect(seen).toEqual(['resync'])
    stop()
  })

  it('opens a new stream when the device is back online, and resynchronises once it is open', () => {
    const { seen, listener } = recorder()
    const stop = listen(listener)
    latest().open()
    const before = latest()
    browserWindow.dispatchEvent(new Event('online'))
    expect(before.closed).toBe(true)
    expect(FakeEventSource.made).toHaveLength(2)
    expect(seen).toEqual([])
    latest().open()
    expect(seen).toEqual(['resync'])

    // Back online while waiting out a backoff: it tries at once.
    latest().drop(true)
    browserWindow.dispatchEvent(new Event('online'))
    expect(FakeEventSource.made).toHaveLength(3)
    vi.advanceTimersByTime(60_000)
    expect(FakeEventSource.made).toHaveLength(3)
    stop()
    browserWindow.dispatchEvent(new Event('online'))
    expect(FakeEventSource.made).toHaveLength(3)
  })

  it("asks the first stream about changes since the page's data was read, later ones not", () => {
    const stop = listen(recorder().listener, '2026-11-22T10:00:05.000Z')
    expect(latest().url).toBe('/api/v1/events?since=2026-11-22T10%3A00%3A05.000Z')
    latest().open()
    latest().drop(true)
    vi.advanceTimersByTime(2_000)
    expect(latest().url).toBe('/api/v1/events')
    stop()
    // A new page: its own render time.
    const again = listen(recorder().listener, '2026-11-22T10:05:00.000Z')
    expect(latest().url).toBe('/api/v1/events?since=2026-11-22T10%3A05%3A00.000Z')
    again()
  })

  it('does not connect from a hidden page until it is shown', () => {
    page.visibilityState = 'hidden'
    const stop = listen(recorder().listener)
    expect(FakeEventSource.made).toHaveLength(0)
    page.visibilityState = 'visible'
    page.dispatchEvent(new Event('visibilitychange'))
    expect(FakeEventSource.made).toHaveLength(1)
    stop()
  })
})
