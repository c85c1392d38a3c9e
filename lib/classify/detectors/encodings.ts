// Decoders for the self-checking encodings of wallets and keys: Base58Check (Bitcoin legacy
// addresses, WIF private keys, extended keys) and Bech32/Bech32m (SegWit addresses, age and
// Nostr keys). Each carries a checksum, so a decoded string is a proof, not a guess. Also the
// JWT header check. Server-side code: uses node:crypto and Buffer.
import { createHash } from 'node:crypto'

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
const BASE58_INDEX = new Map(Array.from(BASE58, (ch, i) => [ch, i] as const))

function sha256(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(data).digest()
}

/** Decodes Base58Check and verifies its 4-byte double-SHA-256 checksum; null when invalid. */
export function base58CheckDecode(s: string): Uint8Array | null {
  if (s.length === 0 || s.length > 120) return null
  const bytes: number[] = []
  for (const ch of s) {
    const value = BASE58_INDEX.get(ch)
    if (value === undefined) return null
    // Multiply the little-endian byte array by 58 and add the digit.
    let carry = value
    for (let i = 0; i < bytes.length; i++) {
      carry += bytes[i] * 58
      bytes[i] = carry & 0xff
      carry >>= 8
    }
    while (carry > 0) {
      bytes.push(carry & 0xff)
      carry >>= 8
    }
  }
  for (const ch of s) {
    if (ch !== '1') break
    bytes.push(0)
  }
  const decoded = Uint8Array.from(bytes.reverse())
  if (decoded.length < 5) return null
  const payload = decoded.subarray(0, decoded.length - 4)
  const check = sha256(sha256(payload))
  for (let i = 0; i < 4; i++) if (check[i] !== decoded[decoded.length - 4 + i]) return null
  return payload
}

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
const BECH32_GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]

function polymod(values: readonly number[]): number {
  let chk = 1
  for (const v of values) {
    const top = chk >>> 25
    chk = ((chk & 0x1ffffff) << 5) ^ v
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= BECH32_GEN[i]
  }
  return chk >>> 0
}

export interface Bech32 {
  hrp: string
  /** 5-bit groups without the checksum. */
  data: number[]
  variant: 'bech32' | 'bech32m'
}

/** Decodes Bech32 or Bech32m (BIP-173/350) and verifies the checksum; null when invalid. */
export function bech32Decode(input: string): Bech32 | null {
  if (input.length > 120 || (input !== input.toLowerCase() && input !== input.toUpperCase())) return null
  const s = input.toLowerCase()
  const sep = s.lastIndexOf('1')
  if (sep < 1 || sep + 7 > s.length) return null
  const hrp = s.slice(0, sep)
  const data: number[] = []
  for (const ch of s.slice(sep + 1)) {
    const v = BECH32_CHARSET.indexOf(ch)
    if (v < 0) return null
    data.push(v)
  }
  const expanded: number[] = []
  for (const ch of hrp) expanded.push(ch.charCodeAt(0) >> 5)
  expanded.push(0)
  for (const ch of hrp) expanded.push(ch.charCodeAt(0) & 31)
  const check = polymod([...expanded, ...data])
  const variant = check === 1 ? 'bech32' : check === 0x2bc830a3 ? 'bech32m' : null
  if (!variant) return null
  return { hrp, data: data.slice(0, -6), variant }
}

/** A SegWit address: witness v0 uses Bech32, v1+ Bech32m, with a 2–40 byte program. */
export function segwitValid(address: string, hrps: readonly string[]): boolean {
  const decoded = bech32Decode(address)
  if (!decoded || !hrps.includes(decoded.hrp) || decoded.data.length < 1) return false
  const version = decoded.data[0]
  if (version > 16) return false
  if ((version === 0) !== (decoded.variant === 'bech32')) return false
  const programBits = (decoded.data.length - 1) * 5
  const programBytes = Math.floor(programBits / 8)
  if (programBytes < 2 || programBytes > 40) return false
  return version !== 0 || programBytes === 20 || programBytes === 32
}

/** A JWT's first segment decodes to a JSON header naming its algorithm. */
export function jwtHeaderValid(segment: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
    return typeof header === 'object' && header !== null && 'alg' in header
  } catch {
    return false
  }
}
