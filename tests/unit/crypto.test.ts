import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { DecryptError, open, pack, seal, unpack } from '@/lib/crypto/cipher'
import { unwrapKey, wrapKey } from '@/lib/crypto/data-keys'
import { fingerprint, parseMasterKey, MasterKeyError } from '@/lib/crypto/master-key'

const key = randomBytes(32)
const aad = Buffer.from('mnemo:memory:user-a:row-1:secret')
const text = Buffer.from('the vault combination is 31-7-22')

describe.each(['aes-256-gcm', 'xchacha20-poly1305'] as const)('%s', (algorithm) => {
  it('round-trips and uses a fresh nonce each time', () => {
    const a = seal(algorithm, key, text, aad)
    const b = seal(algorithm, key, text, aad)
    expect(Buffer.from(open(algorithm, key, a, aad)).toString()).toBe(text.toString())
    expect(Buffer.from(a.nonce).equals(Buffer.from(b.nonce))).toBe(false)
    expect(Buffer.from(a.ciphertext).includes(Buffer.from('combination'))).toBe(false)
    expect(a.nonce.length).toBe(algorithm === 'aes-256-gcm' ? 12 : 24)
  })

  it('refuses a ciphertext moved to another row (associated data)', () => {
    const sealed = seal(algorithm, key, text, aad)
    expect(() => open(algorithm, key, sealed, Buffer.from('mnemo:memory:user-a:row-2:secret'))).toThrow(DecryptError)
    expect(() => open(algorithm, key, sealed, Buffer.from('mnemo:memory:user-b:row-1:secret'))).toThrow(DecryptError)
  })

  it('refuses a tampered ciphertext or tag, and a wrong key', () => {
    const sealed = seal(algorithm, key, text, aad)
    const flipped = Buffer.from(sealed.ciphertext)
    flipped[0] ^= 1
    expect(() => open(algorithm, key, { ...sealed, ciphertext: flipped }, aad)).toThrow(DecryptError)
    const tag = Buffer.from(sealed.ciphertext)
    tag[tag.length - 1] ^= 1
    expect(() => open(algorithm, key, { ...sealed, ciphertext: tag }, aad)).toThrow(DecryptError)
    expect(() => open(algorithm, randomBytes(32), sealed, aad)).toThrow(DecryptError)
  })

  it('packs nonce and ciphertext into one column value', () => {
    const sealed = seal(algorithm, key, text, aad)
    expect(Buffer.from(open(algorithm, key, unpack(pack(sealed)), aad)).toString()).toBe(text.toString())
  })
})

describe('data keys and the master key', () => {
  const master = parseMasterKey(randomBytes(32).toString('base64'), 'test')

  it('unwrap only for the user and tier they were wrapped for', () => {
    const dataKey = randomBytes(32)
    const wrapped = wrapKey(master, 'user-a', 'secret', dataKey)
    expect(unwrapKey(master, 'user-a', 'secret', wrapped).equals(dataKey)).toBe(true)
    expect(() => unwrapKey(master, 'user-b', 'secret', wrapped)).toThrow(DecryptError)
    expect(() => unwrapKey(master, 'user-a', 'ultrasecret', wrapped)).toThrow(DecryptError)
  })

  it('do not unwrap under another master key', () => {
    const other = parseMasterKey(randomBytes(32).toString('base64'), 'other')
    const wrapped = wrapKey(master, 'user-a', 'confidential', randomBytes(32))
    expect(() => unwrapKey(other, 'user-a', 'confidential', wrapped)).toThrow(DecryptError)
    expect(other.id).not.toBe(master.id)
    expect(fingerprint(master.key)).toBe(master.id)
  })

  it('reject a master key that is not 32 bytes of base64, naming it', () => {
    expect(() => parseMasterKey('too-short', 'MNEMO_MASTER_KEY')).toThrow(MasterKeyError)
    expect(() => parseMasterKey(randomBytes(16).toString('base64'), 'MNEMO_MASTER_KEY')).toThrow(/MNEMO_MASTER_KEY must be 32 bytes/)
  })
})
