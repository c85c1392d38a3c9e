import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// The per-tab store of open tiers is module state: each test loads a fresh copy.
async function freshStore() {
  vi.resetModules()
  return import('@/components/security/open-tiers')
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(new Date('2026-12-06T12:00:00Z'))
})
afterEach(() => vi.useRealTimers())

const at = (seconds: number) => new Date(Date.parse('2026-12-06T12:00:00Z') + seconds * 1000).toISOString()

describe('which protected tiers a tab may show', () => {
  it('closes a tier when its window ends, and says so once', async () => {
    const store = await freshStore()
    const closed = vi.fn()
    store.onTierClosed(closed)
    store.reportUnlockState({ confidential: at(3600), secret: at(15), ultrasecret: null }, at(0))
    vi.advanceTimersByTime(14_000)
    expect(closed).not.toHaveBeenCalled()
    vi.advanceTimersByTime(2_000)
    expect(closed).toHaveBeenCalledTimes(1)
  })

  it('closes everything on a lock, and ignores a page rendered before it', async () => {
    const store = await freshStore()
    const closed = vi.fn()
    store.onTierClosed(closed)
    store.reportUnlockState({ confidential: at(3600), secret: at(600), ultrasecret: at(300) }, at(0))
    store.reportLocked(at(5))
    expect(closed).toHaveBeenCalledTimes(1)
    // A page restored from the router's cache, rendered before the lock, does not reopen anything.
    store.reportUnlockState({ confidential: at(3600), secret: at(600), ultrasecret: at(300) }, at(1))
    vi.advanceTimersByTime(1_000)
    expect(closed).toHaveBeenCalledTimes(1)
    // A page rendered after a new unlock does.
    store.reportUnlockState({ confidential: null, secret: at(600), ultrasecret: null }, at(10))
    store.reportLocked(at(20))
    expect(closed).toHaveBeenCalledTimes(2)
  })

  it('does not announce a close when hiding for the back-forward cache', async () => {
    const store = await freshStore()
    const closed = vi.fn()
    store.onTierClosed(closed)
    store.reportUnlockState({ confidential: at(3600), secret: null, ultrasecret: null }, at(0))
    store.closeAll()
    expect(closed).not.toHaveBeenCalled()
  })

  it('signing out closes every tier, keeps pages rendered so far closed, and lets a later sign-in open them', async () => {
    const store = await freshStore()
    const closed = vi.fn()
    store.onTierClosed(closed)
    store.reportUnlockState({ confidential: at(3600), secret: at(600), ultrasecret: null }, at(0))
    expect(store.isTierOpenNow('secret')).toBe(true)
    store.closeForSignOut()
    expect(closed).not.toHaveBeenCalled()
    expect(store.isTierOpenNow('confidential')).toBe(false)
    expect(store.isTierOpenNow('secret')).toBe(false)
    // Back brings the same page from the router's cache: it stays closed.
    store.reportUnlockState({ confidential: at(3600), secret: at(600), ultrasecret: null }, at(0))
    expect(store.isTierOpenNow('confidential')).toBe(false)
    // The page after signing in again was rendered later.
    store.reportUnlockState({ confidential: at(3600), secret: null, ultrasecret: null }, at(30))
    expect(store.isTierOpenNow('confidential')).toBe(true)
    expect(store.isTierOpenNow('secret')).toBe(false)
  })
})
