// The device key of each user's offline outbox: AES-256-GCM, generated in the browser as a
// non-extractable CryptoKey and kept in IndexedDB (CryptoKey objects are structured-cloneable),
// so what waits on the device is ciphertext and the key cannot be read out by script. The
// ciphertext is bound to its record (AAD: user id and client id). Client-safe: no DOM, no React.

/** What a queued capture keeps in clear: who, which, when; the rest is sealed. */
export interface SealedFields {
  content: string
  tier?: string
}

/**
 * Whether this page can seal: WebCrypto's subtle API exists only in secure contexts (https,
 * localhost), not on a page opened over plain http through a LAN address.
 */
export function canSeal(): boolean {
  return typeof crypto !== 'undefined' && typeof crypto.subtle?.generateKey === 'function'
}

export function newDeviceKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
}

function aad(userId: string, clientId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`mnemo-outbox\u0000${userId}\u0000${clientId}`)
}

export async function seal(key: CryptoKey, userId: string, clientId: string, fields: SealedFields): Promise<{ iv: Uint8Array<ArrayBuffer>; data: ArrayBuffer }> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const plain = new TextEncoder().encode(JSON.stringify(fields))
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(userId, clientId) }, key, plain)
  return { iv, data }
}

/** The sealed fields, or null when the key or the binding does not match. */
export async function open(key: CryptoKey, userId: string, clientId: string, iv: Uint8Array<ArrayBuffer>, data: ArrayBuffer): Promise<SealedFields | null> {
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(userId, clientId) }, key, data)
    const value = JSON.parse(new TextDecoder().decode(plain)) as SealedFields
    return typeof value.content === 'string' ? value : null
  } catch {
    return null
  }
}
