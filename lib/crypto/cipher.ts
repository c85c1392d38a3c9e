// Authenticated encryption. AES-256-GCM (Node's OpenSSL) for key wrapping and tiers 2–3;
// XChaCha20-Poly1305 (@noble/ciphers, audited) for tier 4, whose 24-byte random nonces never
// collide in practice. Every call binds associated data, so a ciphertext moved to another row
// fails to open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js'

export type Algorithm = 'aes-256-gcm' | 'xchacha20-poly1305'

export class DecryptError extends Error {
  override name = 'DecryptError'
  constructor() {
    super('the ciphertext could not be authenticated (wrong key, tampered data or another row)')
  }
}

export interface Sealed {
  nonce: Uint8Array
  /** Ciphertext followed by the 16-byte tag. */
  ciphertext: Uint8Array
}

const TAG = 16

export function seal(algorithm: Algorithm, key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Sealed {
  if (algorithm === 'xchacha20-poly1305') {
    const nonce = randomBytes(24)
    return { nonce, ciphertext: xchacha20poly1305(key, nonce, aad).encrypt(plaintext) }
  }
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, nonce)
  cipher.setAAD(aad)
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
  return { nonce, ciphertext: body }
}

export function open(algorithm: Algorithm, key: Uint8Array, sealed: Sealed, aad: Uint8Array): Uint8Array {
  try {
    if (algorithm === 'xchacha20-poly1305') {
      return xchacha20poly1305(key, sealed.nonce, aad).decrypt(sealed.ciphertext)
    }
    const body = Buffer.from(sealed.ciphertext)
    if (body.length < TAG || sealed.nonce.length !== 12) throw new DecryptError()
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce)
    decipher.setAAD(aad)
    decipher.setAuthTag(body.subarray(body.length - TAG))
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG)), decipher.final()])
  } catch {
    throw new DecryptError()
  }
}

/** A self-contained blob: nonce then ciphertext (for single-column values such as embeddings). */
export function pack(sealed: Sealed): Uint8Array {
  return Buffer.concat([Buffer.from([sealed.nonce.length]), sealed.nonce, sealed.ciphertext])
}

export function unpack(blob: Uint8Array): Sealed {
  const length = blob[0]
  return { nonce: blob.subarray(1, 1 + length), ciphertext: blob.subarray(1 + length) }
}
