// Master key rotation: every wrapped data key is opened with the old master key and wrapped
// again with the new one, in batches; memories are not touched (their data keys do not change).
// A row already under the new key is skipped, so an interrupted rotation resumes.
import { getDb } from '@/db'
import { listTierKeysNotWrappedBy, listWrappingKeyIds, lockTierKeyRotation, rewrapTierKey } from '@/db/queries/tier-keys'
import { recordAccess } from '@/lib/audit'
import { unwrapKey, wrapKey, mismatch, forgetDataKeys, type ProtectedTier } from './data-keys'
import type { MasterKey } from './master-key'

export async function rotateMasterKey({ from, to, batchSize = 500 }: { from: MasterKey; to: MasterKey; batchSize?: number }): Promise<{ rewrapped: number }> {
  const db = await getDb()
  let rewrapped = 0
  for (;;) {
    const done = await db.transaction(async (tx) => {
      await lockTierKeyRotation(tx)
      const rows = await listTierKeysNotWrappedBy(tx, { masterKeyId: to.id, limit: batchSize })
      for (const row of rows) {
        if (row.masterKeyId !== from.id) throw mismatch(row.masterKeyId, from.id)
        const tier = row.tier as ProtectedTier
        const key = unwrapKey(from, row.userId, tier, row.wrappedKey)
        await rewrapTierKey(tx, { userId: row.userId, tier, wrappedKey: wrapKey(to, row.userId, tier, key), masterKeyId: to.id })
      }
      return rows.length
    })
    rewrapped += done
    if (done < batchSize) break
  }
  forgetDataKeys()
  await recordAccess({ action: 'keys.rotate', success: true, details: { from: from.id, to: to.id, rewrapped } })
  return { rewrapped }
}

/** The master key ids the stored data keys were wrapped with. */
export async function wrappingKeyIds(): Promise<string[]> {
  return listWrappingKeyIds(await getDb())
}
