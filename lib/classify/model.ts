// The local statistical model: multinomial logistic regression over hashed features, trained
// with AdaGrad on the labelled corpus in lib/classify/corpus/ the first time it is needed
// (a fraction of a second), deterministically (seeded shuffling).
import fs from 'node:fs'
import path from 'node:path'
import { TIERS, type Tier } from '@/lib/tiers'
import { calibrate, IDENTITY_PLATT, type Platt } from './calibration'
import { featurize, TOTAL_FEATURES, type FeatureHints, type SparseVector } from './features'

export interface LabelledExample {
  text: string
  tier: Tier
  /** How much the example counts in training, 1 unless said (machine-labelled lines count less). */
  weight?: number
}

export interface TrainOptions {
  epochs?: number
  learningRate?: number
  l2?: number
  seed?: number
}

export class LocalModel {
  constructor(
    private readonly weights: Float32Array,
    private readonly bias: Float32Array,
    readonly examples: number,
    /** Fitted on held-out predictions; the identity until calibrated. */
    readonly platt: Platt = IDENTITY_PLATT,
  ) {}

  parameters(): { weights: Float32Array; bias: Float32Array } {
    return { weights: this.weights, bias: this.bias }
  }

  /** The same weights with a calibration. */
  withPlatt(platt: Platt): LocalModel {
    return new LocalModel(this.weights, this.bias, this.examples, platt)
  }

  /** Calibrated probability of each tier, in TIERS order. */
  predict(vector: SparseVector): number[] {
    return calibrate(this.predictRaw(vector), this.platt)
  }

  /** The softmax as trained, before calibration. */
  predictRaw(vector: SparseVector): number[] {
    const k = TIERS.length
    const scores = new Array<number>(k)
    for (let c = 0; c < k; c++) {
      let s = this.bias[c]
      const offset = c * TOTAL_FEATURES
      for (let i = 0; i < vector.indices.length; i++) s += this.weights[offset + vector.indices[i]] * vector.values[i]
      scores[c] = s
    }
    return softmax(scores)
  }
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores)
  const exps = scores.map((s) => Math.exp(s - max))
  const sum = exps.reduce((a, b) => a + b, 0)
  return exps.map((e) => e / sum)
}

/** Mulberry32: a small seeded PRNG, so training is reproducible. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export function train(
  data: { vector: SparseVector; label: number; weight?: number }[],
  { epochs = 12, learningRate = 0.5, l2 = 1e-6, seed = 7 }: TrainOptions = {},
): LocalModel {
  const k = TIERS.length
  const weights = new Float32Array(k * TOTAL_FEATURES)
  const gradSq = new Float32Array(k * TOTAL_FEATURES)
  const bias = new Float32Array(k)
  const biasGradSq = new Float32Array(k)
  // Balance classes: each tier weighs the same whatever its number (or total weight) of examples.
  const perClass = new Array<number>(k).fill(0)
  for (const d of data) perClass[d.label] += d.weight ?? 1
  const total = perClass.reduce((a, b) => a + b, 0)
  const classWeight = perClass.map((n) => (n ? total / (k * n) : 0))

  const order = data.map((_, i) => i)
  const random = rng(seed)
  const model = new LocalModel(weights, bias, data.length)
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j], order[i]]
    }
    for (const index of order) {
      const { vector, label, weight = 1 } = data[index]
      const probs = model.predictRaw(vector)
      const w = classWeight[label] * weight
      for (let c = 0; c < k; c++) {
        const g = (probs[c] - (c === label ? 1 : 0)) * w
        if (g === 0) continue
        const offset = c * TOTAL_FEATURES
        for (let i = 0; i < vector.indices.length; i++) {
          const at = offset + vector.indices[i]
          const grad = g * vector.values[i] + l2 * weights[at]
          gradSq[at] += grad * grad
          weights[at] -= (learningRate * grad) / (Math.sqrt(gradSq[at]) + 1e-8)
        }
        biasGradSq[c] += g * g
        bias[c] -= (learningRate * g) / (Math.sqrt(biasGradSq[c]) + 1e-8)
      }
    }
  }
  return model
}

export const CORPUS_DIR = path.join(process.cwd(), 'lib', 'classify', 'corpus')

/** The labelled corpus: one message per line in `<tier>.txt`. */
export function loadCorpus(dir = CORPUS_DIR): LabelledExample[] {
  const examples: LabelledExample[] = []
  for (const tier of TIERS) {
    const file = path.join(dir, `${tier}.txt`)
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const text = line.trim()
      if (text) examples.push({ text, tier })
    }
  }
  return examples
}

/**
 * A typo'd copy of a message, the way people type in a hurry: vowels dropped from some longer
 * words ("password" → "psswrd"). Training on both teaches the model that they mean the same.
 */
export function typoVariant(text: string, seed: number): string {
  const random = rng(seed)
  return text.replace(/[A-Za-z]{4,}/g, (word) => (random() < 0.5 ? word[0] + word.slice(1).replace(/[aeiouAEIOU]/g, '') : word))
}

export function trainOnExamples(
  examples: LabelledExample[],
  hintsFor: (text: string) => FeatureHints,
  options?: TrainOptions,
): LocalModel {
  const data: { vector: SparseVector; label: number; weight?: number }[] = []
  examples.forEach((e, i) => {
    const label = TIERS.indexOf(e.tier)
    const hints = hintsFor(e.text)
    data.push({ vector: featurize(e.text, hints), label, weight: e.weight })
    const typo = typoVariant(e.text, i + 1)
    if (typo !== e.text) data.push({ vector: featurize(typo, hints), label, weight: e.weight })
  })
  return train(data, options)
}
