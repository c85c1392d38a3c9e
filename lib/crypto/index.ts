// Sealing what a protected tier holds. Tiers 2–3 use AES-256-GCM, tier 4 XChaCha20-Poly1305,
// each with the user's data key for that tier; the associated data binds user, row and tier.
import 'server-only'
import type { DbExecutor } from '@/db'
import type { Tier } from '@/lib/tiers'
import { open, pack, seal, unpack, type Algorithm, type Sealed } from './cipher'
import { dataKey, type ProtectedTier } from './data-keys'

export { DecryptError } from './cipher'
export { MasterKeyError, masterKey } from './master-key'
export { forgetDataKeys, type ProtectedTier } from './data-keys'

export function algorithmFor(tier: ProtectedTier): Algorithm {
  return tier === 'ultrasecret' ? 'xchacha20-poly1305' : 'aes-256-gcm'
}

export function isProtected(tier: Tier): tier is ProtectedTier {
  return tier === 'confidential' || tier === 'secret' || tier === 'ultrasecret'
}

/** Associated data of a memory's sealed fields: what the ciphertext belongs to. */
function rowAad(userId: string, rowId: string, tier: ProtectedTier, purpose: string): Buffer {
  return Buffer.from(`mnemo:${purpose}:${userId}:${rowId}:${tier}`)
}

export interface SealTarget {
  userId: string
  /** The id of the row the value belongs to (a memory, a correction, a digest). */
  rowId: string
  tier: ProtectedTier
  /** What the value is (`memory`, `embedding`, `correction`), so values of one row cannot swap. */
  purpose: string
}

export async function sealJson(db: DbExecutor, target: SealTarget, value: unknown): Promise<Sealed> {
  const key = await dataKey(db, { userId: target.userId, tier: target.tier })
  const aad = rowAad(target.userId, target.rowId, target.tier, target.purpose)
  return seal(algorithmFor(target.tier), key, Buffer.from(JSON.stringify(value)), aad)
}

export async function openJson<T>(db: DbExecutor, target: SealTarget, sealed: Sealed): Promise<T> {
  const key = await dataKey(db, { userId: target.userId, tier: target.tier })
  const aad = rowAad(target.userId, target.rowId, target.tier, target.purpose)
  return JSON.parse(Buffer.from(open(algorithmFor(target.tier), key, sealed, aad)).toString('utf8')) as T
}

/** A sealed value in one column (nonce inside). */
export async function sealPacked(db: DbExecutor, target: SealTarget, bytes: Uint8Array): Promise<Uint8Array> {
  const key = await dataKey(db, { userId: target.userId, tier: target.tier })
  return pack(seal(algorithmFor(target.tier), key, bytes, rowAad(target.userId, target.rowId, target.tier, target.purpose)))
}

export async function openPacked(db: DbExecutor, target: SealTarget, blob: Uint8Array): Promise<Uint8Array> {
  const key = await dataKey(db, { userId: target.userId, tier: target.tier })
  return open(algorithmFor(target.tier), key, unpack(blob), rowAad(target.userId, target.rowId, target.tier, target.purpose))
}
