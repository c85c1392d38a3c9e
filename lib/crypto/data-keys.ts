// Per-user, per-tier data keys, created on first use and stored wrapped by the master key.
// Wrapping binds the user and tier as associated data, so a wrapped key copied to another
// user's row does not open.
import { randomBytes } from 'node:crypto'
import type { DbExecutor } from '@/db'
import { getTierKey, insertTierKey, rewrapTierKey } from '@/db/queries/tier-keys'
import type { Tier } from '@/lib/tiers'
import { open, seal } from './cipher'
import { masterKey, MasterKeyError, previousMasterKey, type MasterKey } from './master-key'

export type ProtectedTier = Exclude<Tier, 'chronological' | 'general'>

const cache = new Map<string, Buffer>()
const CACHE_LIMIT = 2000

function wrapAad(userId: string, tier: ProtectedTier): Buffer {
  return Buffer.from(`mnemo:tier-key:${userId}:${tier}`)
}

export function wrapKey(master: MasterKey, userId: string, tier: ProtectedTier, key: Uint8Array): Uint8Array {
  const sealed = seal('aes-256-gcm', master.key, key, wrapAad(userId, tier))
  return Buffer.concat([sealed.nonce, sealed.ciphertext])
}

export function unwrapKey(master: MasterKey, userId: string, tier: ProtectedTier, wrapped: Uint8Array): Buffer {
  const blob = Buffer.from(wrapped)
  return Buffer.from(open('aes-256-gcm', master.key, { nonce: blob.subarray(0, 12), ciphertext: blob.subarray(12) }, wrapAad(userId, tier)))
}

/** The data key of a user's tier; `db` must be that user's transaction (or the system). */
export async function dataKey(db: DbExecutor, { userId, tier }: { userId: string; tier: ProtectedTier }): Promise<Buffer> {
  const master = masterKey()
  const cacheKey = `${userId}:${tier}:${master.id}`
  const hit = cache.get(cacheKey)
  if (hit) return hit

  let row = await getTierKey(db, { userId, tier })
  if (!row) {
    const fresh = randomBytes(32)
    await insertTierKey(db, { userId, tier, wrappedKey: wrapKey(master, userId, tier, fresh), masterKeyId: master.id })
    // Ours, or the one a concurrent first use inserted before us.
    row = (await getTierKey(db, { userId, tier }))!
  }
  let key: Buffer
  if (row.masterKeyId === master.id) {
    key = unwrapKey(master, userId, tier, row.wrappedKey)
  } else {
    const previous = previousMasterKey()
    if (!previous || row.masterKeyId !== previous.id) throw mismatch(row.masterKeyId, master.id)
    // Mid-rotation: open with the previous key and rewrap under the new one on the way.
    key = unwrapKey(previous, userId, tier, row.wrappedKey)
    await rewrapTierKey(db, { userId, tier, wrappedKey: wrapKey(master, userId, tier, key), masterKeyId: master.id })
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
  cache.set(cacheKey, key)
  return key
}

export function mismatch(found: string, inForce: string): MasterKeyError {
  return new MasterKeyError(
    `MNEMO_MASTER_KEY (id ${inForce}) is not the key that wrapped this database's data keys (id ${found}): ` +
      'set MNEMO_MASTER_KEY to that key (and MNEMO_PREVIOUS_MASTER_KEY during a rotation), or finish `npm run keys:rotate`',
  )
}

/** Drop cached keys of a user (after deleting their wrapped keys: crypto-shredding). */
export function forgetDataKeys(userId?: string) {
  for (const key of [...cache.keys()]) if (!userId || key.startsWith(`${userId}:`)) cache.delete(key)
}
