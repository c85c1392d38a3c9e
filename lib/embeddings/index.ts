// Embeddings of memories and queries: 384 dimensions, from text-embedding-3-small when a
// remote is configured, from mnemo's local model otherwise (and whenever the remote fails).
// The model id is stored with each row; search compares only vectors of the same model.
import { logWarning } from '@/lib/log'
import { embed } from 'ai'
import { countRemoteCall } from '@/lib/metrics'
import { remoteEmbeddingModel } from '@/lib/ai/providers'
import { EMBEDDING_DIMENSIONS, embedLocally, LOCAL_EMBEDDING_MODEL_ID } from './local'

export { cosineSimilarity, EMBEDDING_DIMENSIONS, LOCAL_EMBEDDING_MODEL_ID, localEmbeddingModel } from './local'

export interface Embedding {
  vector: number[]
  model: string
}

const REMOTE_TIMEOUT_MS = 2_000

export async function embedText(text: string): Promise<Embedding> {
  const remote = remoteEmbeddingModel()
  if (remote && typeof remote !== 'string') {
    try {
      const { embedding } = await embed({
        model: remote,
        value: text.slice(0, 8_000),
        providerOptions: { openai: { dimensions: EMBEDDING_DIMENSIONS } },
        maxRetries: 2,
        abortSignal: AbortSignal.timeout(REMOTE_TIMEOUT_MS),
      })
      if (embedding.length === EMBEDDING_DIMENSIONS) {
        countRemoteCall('embed', 'ok')
        return { vector: embedding, model: `openai:${remote.modelId}` }
      }
      countRemoteCall('embed', 'invalid')
    } catch (error) {
      countRemoteCall('embed', error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError') ? 'timeout' : 'error')
      logWarning('remote embedding (the local model answered)', error)
    }
  }
  return { vector: embedLocally(text), model: LOCAL_EMBEDDING_MODEL_ID }
}

/** Float32 bytes of a vector, for the sealed column of protected tiers. */
export function vectorToBytes(vector: number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(vector).buffer)
}

export function bytesToVector(bytes: Uint8Array): number[] {
  const copy = new Uint8Array(bytes)
  return Array.from(new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4)))
}
