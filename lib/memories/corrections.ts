// The user's corrections: moving a memory to another tier stores a labelled example (sealed
// with the user's confidential key); classification reads them back as the per-user layer.
import type { DbExecutor } from '@/db'
import { insertCorrection, listCorrectionsByUser } from '@/db/queries/corrections'
import { featurize, hintsFor, type CorrectionExample } from '@/lib/classify'
import { openJson, sealJson } from '@/lib/crypto'
import type { Tier } from '@/lib/tiers'

const MAX_EXAMPLES = 500
const CACHE_MS = 60_000
const cache = new Map<string, { at: number; examples: CorrectionExample[] }>()

function target(userId: string) {
  return { userId, rowId: userId, tier: 'confidential' as const, purpose: 'correction' }
}

export async function recordCorrection(
  tx: DbExecutor,
  { userId, memoryId, from, to, content }: { userId: string; memoryId: string; from: Tier; to: Tier; content: string },
): Promise<void> {
  const sealed = await sealJson(tx, target(userId), { content })
  await insertCorrection(tx, { userId, memoryId, fromTier: from, toTier: to, exampleEnc: sealed.ciphertext, nonce: sealed.nonce })
  cache.delete(userId)
}

/** The user's corrections as feature vectors, newest first (cached briefly per process). */
export async function loadCorrections(tx: DbExecutor, { userId }: { userId: string }): Promise<CorrectionExample[]> {
  const hit = cache.get(userId)
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.examples
  const rows = await listCorrectionsByUser(tx, { userId, limit: MAX_EXAMPLES })
  const examples: CorrectionExample[] = []
  for (const row of rows) {
    const { content } = await openJson<{ content: string }>(tx, target(userId), { nonce: row.nonce, ciphertext: row.exampleEnc })
    examples.push({ vector: featurize(content, hintsFor(content)), tier: row.toTier })
  }
  cache.set(userId, { at: Date.now(), examples })
  return examples
}
