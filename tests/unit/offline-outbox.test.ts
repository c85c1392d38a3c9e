import { describe, expect, it, vi } from 'vitest'
import { newClientId } from '@/lib/offline/client-id'
import { canSeal, newDeviceKey, open, seal } from '@/lib/offline/device-key'
import { neverOffline } from '@/lib/offline/never-offline'

// A BIP39 test vector (its checksum holds), and the same words with the last one changed (it does not).
const SEED = 'legal winner thank year wave sausage worth useful legal winner thank yellow'
const NOT_A_SEED = 'legal winner thank year wave sausage worth useful legal winner thank thank'

describe('what never waits offline', () => {
  it('refuses an explicit #ultrasecret anywhere, punctuation around it allowed, and the ultrasecret chip', () => {
    expect(neverOffline('#ultrasecret offline wallet seed is in the blue box')).toMatch(/never kept on this device/)
    expect(neverOffline('vault master password hunter2 #ULTRASECRET')).toMatch(/never kept on this device/)
    expect(neverOffline('my seed is #ultrasecret offline gryphonwax')).toMatch(/never kept on this device/)
    expect(neverOffline('backup phrase is lemon tiger #ULTRASECRET.')).toMatch(/never kept on this device/)
    expect(neverOffline('just a note', 'ultrasecret')).toMatch(/never kept on this device/)
  })

  it('refuses a private key block and a seed phrase whose checksum holds', () => {
    expect(neverOffline('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----')).toMatch(/private key or a wallet seed/)
    expect(neverOffline(`my wallet words: ${SEED}`)).toMatch(/private key or a wallet seed/)
    expect(neverOffline(`1. ${SEED.split(' ').join(', ')}`)).toMatch(/private key or a wallet seed/)
  })

  it('queues everything else, protected tiers included (sealed)', () => {
    expect(neverOffline('bought lemons, #ultrasecretly is a word, not a marker')).toBeNull()
    expect(neverOffline(NOT_A_SEED)).toBeNull()
    expect(neverOffline('my card is 4111 1111 1111 1111', 'secret')).toBeNull()
    expect(neverOffline('#secret the storage unit code is 5512')).toBeNull()
  })
})

describe('the device key', () => {
  it('seals content so no plaintext is stored, and opens it only for the same record', async () => {
    const key = await newDeviceKey()
    const sealed = await seal(key, 'user-a', 'client-1', { content: 'offline note: zebracorn', tier: 'secret' })
    expect(Buffer.from(sealed.data).includes(Buffer.from('zebracorn'))).toBe(false)
    expect(await open(key, 'user-a', 'client-1', sealed.iv, sealed.data)).toEqual({ content: 'offline note: zebracorn', tier: 'secret' })
    // Moved to another user's or another capture's record, it does not open.
    expect(await open(key, 'user-b', 'client-1', sealed.iv, sealed.data)).toBeNull()
    expect(await open(key, 'user-a', 'client-2', sealed.iv, sealed.data)).toBeNull()
    expect(await open(await newDeviceKey(), 'user-a', 'client-1', sealed.iv, sealed.data)).toBeNull()
  })

  it('cannot be read out by script', async () => {
    const key = await newDeviceKey()
    expect(key.extractable).toBe(false)
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow()
  })
})

describe('a page opened over plain http through a LAN address (no secure context)', () => {
  // What such a page's crypto has: getRandomValues, and neither randomUUID nor subtle.
  const real = globalThis.crypto
  const insecure = { getRandomValues: <T extends ArrayBufferView>(array: T) => real.getRandomValues(array as never) as T }

  it('still makes version-4 client ids, each different', () => {
    vi.stubGlobal('crypto', insecure)
    try {
      const ids = Array.from({ length: 200 }, () => newClientId())
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(new Set(ids).size).toBe(ids.length)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('knows it cannot seal, so nothing is kept on the device in clear', () => {
    expect(canSeal()).toBe(true)
    vi.stubGlobal('crypto', insecure)
    try {
      expect(canSeal()).toBe(false)
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
