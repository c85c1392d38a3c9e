// Re-embedding after a change of embedding model: rows whose `embedding_model` is not the one
// in force are embedded again in batches. Progress is the rows themselves, so the job resumes
// where it stopped; a transaction-level advisory lock keeps two instances off the same batch.
import { and, isNull, ne, or, sql } from 'drizzle-orm'
import { getDb, rowsOf } from '@/db'
import { memories } from '@/db/schema'
import { remoteConfigured } from '@/lib/ai/providers'
import { embeddingColumns, readBody } from '@/lib/memories/sealed'
import { embedText, LOCAL_EMBEDDING_MODEL_ID } from './index'

/** The model new embeddings come from now (a remote that fails falls back per row). */
export function currentEmbeddingModelId(): string {
  return remoteConfigured() ? `openai:${process.env.MNEMO_EMBEDDING_MODEL ?? 'text-embedding-3-small'}` : LOCAL_EMBEDDING_MODEL_ID
}

export interface ReembedProgress {
  updated: number
  batches: number
  remaining: number
}

function stale(target: string) {
  return and(isNull(memories.deletedAt), or(isNull(memories.embeddingModel), ne(memories.embeddingModel, target)))
}

export async function countStaleEmbeddings(target = currentEmbeddingModelId()): Promise<number> {
  const db = await getDb()
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(memories).where(stale(target))
  return Number(row.n)
}

export async function reembedMemories({
  batchSize = 100,
  maxBatches = Infinity,
  target = currentEmbeddingModelId(),
}: { batchSize?: number; maxBatches?: number; target?: string } = {}): Promise<ReembedProgress> {
  const db = await getDb()
  let updated = 0
  let batches = 0
  while (batches < maxBatches) {
    const done = await db.transaction(async (tx) => {
      const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext('mnemo:reembed')) as locked`))
      if (!lock.locked) return -1
      const rows = await tx.select().from(memories).where(stale(target)).orderBy(memories.id).limit(batchSize)
      for (const row of rows) {
        const body = await readBody(tx, row)
        const embedding = await embedText(body.content)
        await tx
          .update(memories)
          .set(await embeddingColumns(tx, { userId: row.userId, memoryId: row.id, tier: row.tier }, embedding))
          .where(sql`${memories.id} = ${row.id}`)
      }
      return rows.length
    })
    if (done <= 0) break
    updated += done
    batches++
    if (done < batchSize) break
  }
  return { updated, batches, remaining: await countStaleEmbeddings(target) }
}
