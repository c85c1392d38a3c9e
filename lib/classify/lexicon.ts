// A sensitivity lexicon in the space of the pre-trained word vectors: a handful of seed words per
// kind of private matter, and for each word of a message how close it comes to the nearest seed
// of each kind. A health word the corpus never used ("insulin", "biopsy", "migraine") still lands
// near "diagnosis" and "medication", so the model sees a health signal where no trained n-gram
// fires. The seeds are written here by hand, from the categories of privacy law, not from any
// benchmark row.
import { commonDirections, wordVectors, type CommonDirections, type WordVectors } from '@/lib/embeddings/word-vectors'

export const LEXICON: Readonly<Record<string, readonly string[]>> = {
  health: ['illness', 'disease', 'diagnosis', 'diagnosed', 'medication', 'symptoms', 'surgery', 'therapy', 'hospital', 'prescription', 'cancer', 'diabetes', 'depression', 'anxiety', 'pregnancy', 'allergy', 'infection', 'disorder', 'treatment', 'medical', 'doctor', 'nurse', 'clinic'],
  finance: ['salary', 'income', 'debt', 'loan', 'mortgage', 'bank', 'credit', 'payment', 'tax', 'savings', 'invoice', 'insurance', 'investment', 'paycheck', 'wages'],
  legal: ['lawsuit', 'court', 'lawyer', 'arrested', 'divorce', 'custody', 'convicted', 'police', 'attorney', 'settlement', 'criminal', 'probation'],
  credentials: ['password', 'passcode', 'pin', 'login', 'username', 'credentials', 'token', 'authentication', 'verification', 'encryption', 'key'],
  identity: ['passport', 'license', 'citizenship', 'visa', 'identity', 'ssn', 'birthdate', 'nationality', 'id'],
  contact: ['address', 'phone', 'email', 'apartment', 'street', 'zipcode', 'coordinates', 'gps', 'location', 'hotel', 'itinerary'],
  device: ['serial', 'imei', 'device', 'router', 'firmware', 'wifi', 'network', 'sensor', 'hardware', 'ip'],
}

export const LEXICON_KINDS = Object.keys(LEXICON)
/** Two features per kind: the closest word's similarity, and how many words come close. */
export const LEXICON_DIMS = LEXICON_KINDS.length * 2

/** Below this cosine a word is not near a seed at all (unrelated words score 0.2–0.4). */
const FLOOR = 0.45
/** At or above this, a word counts as one of the kind's words. */
const NEAR = 0.62

interface Seeds {
  vectors: WordVectors
  common: CommonDirections
  /** Unit seed vectors, kind after kind. */
  data: Float32Array
  kindOf: Int32Array
}

/** The most frequent words (the, and, of…) carry no topic. */
const STOP_RANK = 120

/**
 * A word's unit vector with what every word shares taken out (the mean and the first principal
 * direction, as for sentence embeddings): raw GloVe-style vectors put "the" at 0.4 from anything.
 */
function topicVector(vectors: WordVectors, common: CommonDirections, rank: number): Float32Array {
  const v = new Float32Array(vectors.dims)
  vectors.addTo(v, rank, 1)
  let along = 0
  for (let j = 0; j < v.length; j++) {
    v[j] -= common.mean[j]
    along += v[j] * common.top[j]
  }
  for (let j = 0; j < v.length; j++) v[j] -= along * common.top[j]
  const norm = Math.hypot(...v) || 1
  for (let j = 0; j < v.length; j++) v[j] /= norm
  return v
}

let seeds: Seeds | null | undefined
const memo = new Map<string, Float32Array | null>()
const MEMO_LIMIT = 50_000

function loadSeeds(): Seeds | null {
  const vectors = wordVectors()
  if (!vectors) return null
  const common = commonDirections(vectors)
  const rows: Float32Array[] = []
  const kinds: number[] = []
  LEXICON_KINDS.forEach((kind, k) => {
    for (const word of LEXICON[kind]) {
      const rank = vectors.index.get(word)
      if (rank === undefined) continue
      rows.push(topicVector(vectors, common, rank))
      kinds.push(k)
    }
  })
  const data = new Float32Array(rows.length * vectors.dims)
  rows.forEach((row, i) => data.set(row, i * vectors.dims))
  return { vectors, common, data, kindOf: Int32Array.from(kinds) }
}

/** For one word: the highest cosine to a seed of each kind (null when the word has no vector). */
function closeness(word: string, s: Seeds): Float32Array | null {
  const known = memo.get(word)
  if (known !== undefined) return known
  const rank = s.vectors.index.get(word)
  let out: Float32Array | null = null
  if (rank !== undefined && rank >= STOP_RANK && word.length >= 2) {
    const dims = s.vectors.dims
    const v = topicVector(s.vectors, s.common, rank)
    out = new Float32Array(LEXICON_KINDS.length)
    for (let i = 0; i < s.kindOf.length; i++) {
      let dot = 0
      const base = i * dims
      for (let j = 0; j < dims; j++) dot += v[j] * s.data[base + j]
      const k = s.kindOf[i]
      if (dot > out[k]) out[k] = dot
    }
  }
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(word, out)
  return out
}

/**
 * The lexicon features of a message's words, LEXICON_DIMS numbers in [0, 1]; null without word
 * vectors. Per kind: how far above FLOOR the closest word is, and a saturating count of the
 * words at or above NEAR.
 */
export function lexiconFeatures(words: readonly string[]): Float32Array | null {
  if (seeds === undefined) seeds = loadSeeds()
  if (!seeds) return null
  const k = LEXICON_KINDS.length
  const best = new Float32Array(k)
  const near = new Float32Array(k)
  for (const word of words) {
    const c = closeness(word, seeds)
    if (!c) continue
    for (let i = 0; i < k; i++) {
      if (c[i] > best[i]) best[i] = c[i]
      if (c[i] >= NEAR) near[i]++
    }
  }
  const out = new Float32Array(LEXICON_DIMS)
  for (let i = 0; i < k; i++) {
    out[2 * i] = Math.max(0, (best[i] - FLOOR) / (1 - FLOOR))
    out[2 * i + 1] = 1 - Math.exp(-near[i] / 2)
  }
  return out
}
