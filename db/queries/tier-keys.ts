// The wrapped data keys, one per user and protected tier: read and created on first use (inside
// the owner's transaction or as the system), rewrapped under a new master key, deleted with the
// account (crypto-shredding).
import { and, eq, ne, sql } from 'drizzle-orm'
import { rowsOf, type DbExecutor, type Tx } from '../index'
import { tierKeys, type TierKey } from '../schema'

type TierKeyOf = { userId: string; tier: TierKey['tier'] }

function tierKeyIs({ userId, tier }: TierKeyOf) {
  return and(eq(tierKeys.userId, userId), eq(tierKeys.tier, tier))
}

export async function getTierKey(db: DbExecutor, key: TierKeyOf): Promise<TierKey | undefined> {
  const [row] = await db.select().from(tierKeys).where(tierKeyIs(key)).limit(1)
  return row
}

/** Stores a new wrapped key unless one exists already (another request created it first). */
export async function insertTierKey(db: DbExecutor, values: typeof tierKeys.$inferInsert): Promise<void> {
  await db.insert(tierKeys).values(values).onConflictDoNothing()
}

/** Replaces a wrapped key with the same data key wrapped by the master key `masterKeyId`. */
export async function rewrapTierKey(db: DbExecutor, { wrappedKey, masterKeyId, ...key }: TierKeyOf & { wrappedKey: Uint8Array; masterKeyId: string }): Promise<void> {
  await db.update(tierKeys).set({ wrappedKey, masterKeyId, updatedAt: new Date() }).where(tierKeyIs(key))
}

/** Serialises rotations until the transaction ends, so two never rewrap the same rows. */
export async function lockTierKeyRotation(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mnemo:rotate'))`)
}

/** Up to `limit` keys not (yet) wrapped by the master key `masterKeyId`. */
export async function listTierKeysNotWrappedBy(db: DbExecutor, { masterKeyId, limit }: { masterKeyId: string; limit: number }): Promise<TierKey[]> {
  return db.select().from(tierKeys).where(ne(tierKeys.masterKeyId, masterKeyId)).limit(limit)
}

/** The master key ids the stored data keys were wrapped with. */
export async function listWrappingKeyIds(db: DbExecutor): Promise<string[]> {
  return rowsOf<{ id: string }>(await db.execute(sql`select distinct master_key_id as id from tier_keys`)).map((r) => r.id)
}

export async function deleteTierKeysByUser(db: DbExecutor, { userId }: { userId: string }): Promise<void> {
  await db.delete(tierKeys).where(eq(tierKeys.userId, userId))
}
