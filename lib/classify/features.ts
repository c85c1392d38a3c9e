// Text → sparse feature vector for the local model: word unigrams and bigrams, character
// 3–5-grams inside words (robust to typos and dropped letters), digit-run shapes, and the
// kinds of what the detectors found. Features are hashed into a fixed space.

import { averageWordVector, wordVectors } from '@/lib/embeddings/word-vectors'
import { LEXICON_DIMS, lexiconFeatures } from './lexicon'

/** Bump when what featurize() produces changes: the shipped weights (weights.ts) then no longer match. */
export const FEATURE_VERSION = 'features-v3-lexicon'
export const FEATURE_BITS = 18
export const FEATURE_SPACE = 1 << FEATURE_BITS
/** Dense features after the hashed ones: the averaged pre-trained word vectors (meaning). */
export const DENSE_DIMS = 100
/** Then the sensitivity lexicon (lexicon.ts): how close the words come to each private topic. */
export const TOTAL_FEATURES = FEATURE_SPACE + DENSE_DIMS + LEXICON_DIMS

export interface SparseVector {
  indices: Uint32Array
  values: Float32Array
}

/** FNV-1a, 32-bit: fast and well spread for short strings. */
function hash(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return (h >>> 0) & (FEATURE_SPACE - 1)
}

const WORD = /[\p{L}\p{M}]+|\d+/gu

/** The shape of a digit run: its length, marked when it is a dummy (0000, 123456). */
function digitShape(digits: string): string {
  const length = Math.min(digits.length, 20)
  if (digits.length >= 3 && /^(\d)\1+$/.test(digits)) return `#z${length}`
  if (digits.length >= 4 && ('0123456789'.includes(digits) || '9876543210'.includes(digits))) return `#s${length}`
  return `#${length}`
}

/**
 * Lower-cased words; digit runs become their shape. Runs of three or more single characters
 * ("R o b r t", "4 8 2 1") are joined first: people space out values to defeat pattern matching.
 */
export function tokenize(text: string): string[] {
  const raw = [...text.normalize('NFKC').toLowerCase().matchAll(WORD)].map((m) => m[0])
  const out: string[] = []
  for (let i = 0; i < raw.length; i++) {
    if (raw[i].length === 1) {
      let j = i
      while (j < raw.length && raw[j].length === 1 && /\d/.test(raw[j]) === /\d/.test(raw[i])) j++
      if (j - i >= 3) {
        const joined = raw.slice(i, j).join('')
        out.push(/\d/.test(joined) ? digitShape(joined) : joined)
        i = j - 1
        continue
      }
    }
    out.push(/^\d/.test(raw[i]) ? digitShape(raw[i]) : raw[i])
  }
  return out
}

/** A word without its vowels ("spouse" → "sps"): the same key for "spse", "pswrd", "brth". */
export function skeleton(word: string): string {
  return word.length <= 2 ? word : word[0] + word.slice(1).replace(/[aeiouy]/g, '')
}

export interface FeatureHints {
  /** Kinds of detections (`card_number`, `password`, …). */
  detectors?: readonly string[]
  /** Whether a time expression was found, and whether it points back or ahead. */
  time?: 'past' | 'future' | 'present' | null
}

const MAX_TOKENS = 400

export function featurize(text: string, hints: FeatureHints = {}): SparseVector {
  const counts = new Map<number, number>()
  const add = (feature: string, weight = 1) => {
    const index = hash(feature)
    counts.set(index, (counts.get(index) ?? 0) + weight)
  }
  const tokens = tokenize(text).slice(0, MAX_TOKENS)
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]
    add(`w:${token}`)
    if (i > 0) add(`b:${tokens[i - 1]} ${token}`)
    if (token.startsWith('#')) continue
    if (token.length >= 3) {
      const bare = skeleton(token)
      add(`k:${bare}`, 0.7)
      if (i > 0 && !tokens[i - 1].startsWith('#')) add(`kb:${skeleton(tokens[i - 1])} ${bare}`, 0.5)
    }
    const padded = `<${token}>`
    for (let n = 3; n <= 5; n++) {
      for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`, 0.3)
    }
  }
  // A question asks about a topic; a note states something. The tokenizer drops punctuation.
  if (/\?\s*$/.test(text)) add('p:question', 1.5)
  if (tokens.length <= 3) add('len:short')
  else if (tokens.length >= 25) add('len:long')
  for (const kind of hints.detectors ?? []) add(`d:${kind}`, 2)
  if (hints.time) add(`t:${hints.time}`, 1.5)

  const vectors = wordVectors()
  const words = tokens.filter((t) => !t.startsWith('#'))
  const dense = vectors ? averageWordVector(words, vectors) : null
  const lexicon = vectors ? lexiconFeatures(words) : null

  // Sublinear term frequency, then unit length, so long texts do not dominate.
  const size = counts.size + (dense ? DENSE_DIMS : 0) + (lexicon ? LEXICON_DIMS : 0)
  const indices = new Uint32Array(size)
  const values = new Float32Array(size)
  let norm = 0
  let k = 0
  for (const [index, count] of counts) {
    const value = 1 + Math.log(count > 0 ? count : 1)
    indices[k] = index
    values[k] = value
    norm += value * value
    k++
  }
  norm = Math.sqrt(norm) || 1
  for (let i = 0; i < k; i++) values[i] /= norm
  if (dense) {
    for (let j = 0; j < DENSE_DIMS; j++) {
      indices[k + j] = FEATURE_SPACE + j
      values[k + j] = dense[j] ?? 0
    }
    k += DENSE_DIMS
  }
  if (lexicon) {
    for (let j = 0; j < LEXICON_DIMS; j++) {
      indices[k + j] = FEATURE_SPACE + DENSE_DIMS + j
      values[k + j] = lexicon[j]
    }
  }
  return { indices, values }
}

/**
 * Cosine similarity of the word-level (hashed) parts of two vectors, which are unit length.
 * The dense meaning part is left out: averaged word vectors of any two sentences are close,
 * which would make every message look like every correction.
 */
export function cosine(a: SparseVector, b: SparseVector): number {
  const lookup = new Map<number, number>()
  for (let i = 0; i < a.indices.length; i++) if (a.indices[i] < FEATURE_SPACE) lookup.set(a.indices[i], a.values[i])
  let dot = 0
  for (let i = 0; i < b.indices.length; i++) if (b.indices[i] < FEATURE_SPACE) dot += (lookup.get(b.indices[i]) ?? 0) * b.values[i]
  return dot
}
