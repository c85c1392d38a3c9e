// Re-embedding after a change of embedding model: rows whose `embedding_model` is not the one
// in force are embedded again in batches. Progress is the rows themselves, so the job resumes
// where it stopped. It runs as a job of an exclusive queue (lib/jobs), so one at a time.
import { getDb } from '@/db'
import { countMemoriesEmbeddedByAnother, listMemoriesEmbeddedByAnother, updateMemoryEmbeddingById } from '@/db/queries/memories'
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

export async function countStaleEmbeddings(target = currentEmbeddingModelId()): Promise<number> {
  return countMemoriesEmbeddedByAnother(await getDb(), { model: target })
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
    const rows = await listMemoriesEmbeddedByAnother(db, { model: target, limit: batchSize })
    let renewed = 0
    for (const row of rows) {
      // The model is asked outside any transaction; the write is one statement.
      const embedding = await embedText((await readBody(db, row)).content)
      if (embedding.model !== target) continue
      const columns = await embeddingColumns(db, { userId: row.userId, memoryId: row.id, tier: row.tier }, embedding)
      if (await updateMemoryEmbeddingById(db, { id: row.id, model: target, values: columns, readAt: row.updatedAt })) renewed++
    }
    updated += renewed
    batches++
    // A batch the model could not embed (it failed over to another) waits for the next run.
    if (rows.length < batchSize || renewed === 0) break
  }
  return { updated, batches, remaining: await countStaleEmbeddings(target) }
}
