// Per-user, per-tier data keys, created on first use and stored wrapped by the master key.
// Wrapping binds the user and tier as associated data, so a wrapped key copied to another
// user's row does not open.
import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { DbExecutor } from '@/db'
import { tierKeys } from '@/db/schema'
import type { Tier } from '@/lib/tiers'
import { open, seal } from './cipher'
import { masterKey, MasterKeyError, type MasterKey } from './master-key'

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

  const where = and(eq(tierKeys.userId, userId), eq(tierKeys.tier, tier))
  let [row] = await db.select().from(tierKeys).where(where).limit(1)
  if (!row) {
    const fresh = randomBytes(32)
    await db
      .insert(tierKeys)
      .values({ userId, tier, wrappedKey: wrapKey(master, userId, tier, fresh), masterKeyId: master.id })
      .onConflictDoNothing()
    ;[row] = await db.select().from(tierKeys).where(where).limit(1)
  }
  if (row.masterKeyId !== master.id) {
    throw new MasterKeyError(
      `the data keys were wrapped by another master key (id ${row.masterKeyId}, in force ${master.id}): ` +
        'set MNEMO_MASTER_KEY to the key this database was created with, or finish `npm run keys:rotate`',
    )
  }
  const key = unwrapKey(master, userId, tier, row.wrappedKey)
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
  cache.set(cacheKey, key)
  return key
}

/** Drop cached keys of a user (after deleting their wrapped keys: crypto-shredding). */
export function forgetDataKeys(userId?: string) {
  for (const key of [...cache.keys()]) if (!userId || key.startsWith(`${userId}:`)) cache.delete(key)
}
