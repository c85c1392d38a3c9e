// mnemo's local sentence embedding (384 dimensions, no network): a smooth-inverse-frequency
// average of pre-trained word vectors (meaning: "car" is near "vehicle"), less what all such
// averages share, concatenated with hashed word and character n-grams (rare words, names and
// typos), normalised to unit length.
import type { EmbeddingModelV4 } from '@ai-sdk/provider'
import { tokenize } from '@/lib/classify/features'
import { averageWordVector, commonDirections, wordVectors, type CommonDirections } from './word-vectors'

export const EMBEDDING_DIMENSIONS = 384
export const LOCAL_EMBEDDING_MODEL_ID = 'local:sif-wink100-abtt1-hash284-v2'

const MEANING_DIMS = 100
const HASHED_DIMS = EMBEDDING_DIMENSIONS - MEANING_DIMS
/** How the two halves weigh in a cosine: meaning first, surface form second. */
const MEANING_WEIGHT = 0.8
const HASHED_WEIGHT = 0.6

function hash(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function addHashed(into: Float32Array, offset: number, feature: string, weight: number) {
  const h = hash(feature, 0)
  // A second hash picks the sign, so collisions cancel out on average instead of adding up.
  into[offset + (h % HASHED_DIMS)] += (hash(feature, 0x9e3779b9) & 1 ? 1 : -1) * weight
}

function normalise(vector: Float32Array, from: number, to: number, weight: number) {
  let norm = 0
  for (let i = from; i < to; i++) norm += vector[i] * vector[i]
  if (norm === 0) return false
  const scale = weight / Math.sqrt(norm)
  for (let i = from; i < to; i++) vector[i] *= scale
  return true
}

/** The sentence average less the common directions: their mean, then the top component. */
function distinctive(meaning: Float32Array, { mean, top }: CommonDirections): Float32Array {
  let along = 0
  for (let j = 0; j < meaning.length; j++) {
    meaning[j] -= mean[j]
    along += meaning[j] * top[j]
  }
  for (let j = 0; j < meaning.length; j++) meaning[j] -= along * top[j]
  return meaning
}

export function embedLocally(text: string): number[] {
  const out = new Float32Array(EMBEDDING_DIMENSIONS)
  const words = tokenize(text).filter((t) => !t.startsWith('#')).slice(0, 512)
  const vectors = wordVectors()
  const average = vectors ? averageWordVector(words, vectors) : null
  const meaning = vectors && average ? distinctive(average, commonDirections(vectors)) : null
  if (meaning) for (let i = 0; i < MEANING_DIMS; i++) out[i] = meaning[i]
  for (const word of words) {
    addHashed(out, MEANING_DIMS, `w:${word}`, 1)
    const padded = `<${word}>`
    for (let j = 0; j + 3 <= padded.length; j++) addHashed(out, MEANING_DIMS, `c:${padded.slice(j, j + 3)}`, 0.4)
  }
  const hasMeaning = normalise(out, 0, MEANING_DIMS, MEANING_WEIGHT)
  const hasForm = normalise(out, MEANING_DIMS, EMBEDDING_DIMENSIONS, HASHED_WEIGHT)
  if (hasMeaning || hasForm) normalise(out, 0, EMBEDDING_DIMENSIONS, 1)
  return Array.from(out)
}

/** The local model behind the AI SDK's embedding interface, so callers use `embed`/`embedMany`. */
export const localEmbeddingModel: EmbeddingModelV4 = {
  specificationVersion: 'v4',
  provider: 'local',
  modelId: LOCAL_EMBEDDING_MODEL_ID,
  maxEmbeddingsPerCall: 2048,
  supportsParallelCalls: true,
  async doEmbed({ values }) {
    return { embeddings: values.map(embedLocally), warnings: [] }
  },
}

export function cosineSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0
  let na = 0
  let nb = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i]
    na += a[i] * a[i]
    nb += b[i] * b[i]
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0
}
