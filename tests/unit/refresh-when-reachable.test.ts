import { afterEach, describe, expect, it, vi } from 'vitest'
import { refreshWhenReachable } from '@/components/timeline/use-online'

// A refresh whose request fails makes Next load the whole page, offline the browser's error page:
// the helper refreshes only after the server has answered.
function setOnline(onLine: boolean) {
  vi.stubGlobal('navigator', { onLine })
}

afterEach(() => vi.unstubAllGlobals())

describe('refreshing the page only when the server answers', () => {
  it('refreshes once the health check answers', async () => {
    setOnline(true)
    const fetch = vi.fn(async () => new Response('{}', { status: 200 }))
    vi.stubGlobal('fetch', fetch)
    const router = { refresh: vi.fn() }
    await refreshWhenReachable(router)
    expect(fetch).toHaveBeenCalledWith('/api/health', { cache: 'no-store' })
    expect(router.refresh).toHaveBeenCalledTimes(1)
  })

  it('leaves the page alone when the request fails though the browser says it is online', async () => {
    setOnline(true)
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    const router = { refresh: vi.fn() }
    await refreshWhenReachable(router)
    expect(router.refresh).not.toHaveBeenCalled()
  })

  it('leaves the page alone when the server is unhealthy, or the browser went offline meanwhile', async () => {
    setOnline(true)
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 503 })))
    const router = { refresh: vi.fn() }
    await refreshWhenReachable(router)
    expect(router.refresh).not.toHaveBeenCalled()

    vi.stubGlobal('fetch', vi.fn(async () => {
      setOnline(false)
      return new Response('{}', { status: 200 })
    }))
    await refreshWhenReachable(router)
    expect(router.refresh).not.toHaveBeenCalled()
  })

  it('does not even ask while the browser is offline', async () => {
    setOnline(false)
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const router = { refresh: vi.fn() }
    await refreshWhenReachable(router)
    expect(fetch).not.toHaveBeenCalled()
    expect(router.refresh).not.toHaveBeenCalled()
  })
})
