// Confidences that mean what they say. The model's raw softmax is sharp where it has seen similar
// phrasing and says little about how often it is right on text it has not seen. Platt scaling
// (a logistic curve over the logit of the "needs protection" mass) is fitted on predictions the
// model made for messages held out of its training (grouped cross-validation, see
// scripts/calibrate-classifier.ts); the thresholds of DESIGN.md 3 then act on these probabilities.
import { TIERS } from '@/lib/tiers'

export interface Platt {
  a: number
  b: number
  /**
   * A prior shift added to the logit: where the folds hold more sensitive messages than an
   * everyday stream of notes, Bayes' rule moves the odds by the ratio of the base rates. Chosen
   * by calibrate:classifier on two LoCoMo conversations (docs/benchmarks.md); 0 since the model
   * also learns real everyday dialogue.
   */
  shift?: number
}

/** No scaling: the raw probabilities pass through. */
export const IDENTITY_PLATT: Platt = { a: 1, b: 0 }

const SENSITIVE_FROM = TIERS.indexOf('confidential')
const EPS = 1e-6

const logit = (p: number) => {
  const q = Math.min(1 - EPS, Math.max(EPS, p))
  return Math.log(q / (1 - q))
}
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x))

/** The probability that a message needs a protected tier (confidential or above). */
export function sensitiveMass(probabilities: readonly number[]): number {
  let s = 0
  for (let i = SENSITIVE_FROM; i < probabilities.length; i++) s += probabilities[i]
  return s
}

/** The calibrated probability of needing protection, from the raw one: monotone, in [0, 1]. */
export function calibrateMass(raw: number, platt: Platt): number {
  return sigmoid(platt.a * logit(raw) + platt.b + (platt.shift ?? 0))
}

/**
 * Tier probabilities with the protected mass calibrated: the sensitive tiers are scaled together
 * to the calibrated mass and the ordinary tiers to the rest, each keeping its share within its
 * group, so the ranking among secret and ultrasecret is the model's own.
 */
export function calibrate(probabilities: readonly number[], platt: Platt): number[] {
  const raw = sensitiveMass(probabilities)
  const calibrated = calibrateMass(raw, platt)
  const ordinaryRaw = 1 - raw
  const sensitiveCount = probabilities.length - SENSITIVE_FROM
  return probabilities.map((p, i) => {
    if (i >= SENSITIVE_FROM) return raw > EPS ? (p / raw) * calibrated : calibrated / sensitiveCount
    return ordinaryRaw > EPS ? (p / ordinaryRaw) * (1 - calibrated) : (1 - calibrated) / SENSITIVE_FROM
  })
}

/**
 * Fits Platt's two parameters by Newton's method on the log loss of (raw probability, label)
 * pairs, with Platt's smoothed targets so that a perfectly separated fold does not run to
 * infinity.
 */
export function fitPlatt(points: readonly { raw: number; sensitive: boolean }[]): Platt {
  const positives = points.filter((p) => p.sensitive).length
  const negatives = points.length - positives
  if (positives === 0 || negatives === 0) return IDENTITY_PLATT
  const hi = (positives + 1) / (positives + 2)
  const lo = 1 / (negatives + 2)
  const xs = points.map((p) => logit(p.raw))
  const ts = points.map((p) => (p.sensitive ? hi : lo))
  const loss = (a: number, b: number) => {
    let sum = 0
    for (let i = 0; i < xs.length; i++) {
      const z = a * xs[i] + b
      // log(1 + e^z) - t z, written so that it does not overflow
      sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - ts[i] * z
    }
    return sum
  }
  let a = 1
  let b = 0
  let current = loss(a, b)
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0
    let gb = 0
    let haa = 1e-9
    let hab = 0
    let hbb = 1e-9
    for (let i = 0; i < xs.length; i++) {
      const p = sigmoid(a * xs[i] + b)
      const d = p - ts[i]
      const w = p * (1 - p)
      ga += d * xs[i]
      gb += d
      haa += w * xs[i] * xs[i]
      hab += w * xs[i]
      hbb += w
    }
    const det = haa * hbb - hab * hab
    if (Math.abs(det) < 1e-12) break
    const da = (hbb * ga - hab * gb) / det
    const db = (haa * gb - hab * ga) / det
    // Newton's step, halved until the loss goes down (a plain step can overshoot).
    let step = 1
    while (step > 1e-6 && loss(a - step * da, b - step * db) > current) step /= 2
    if (step <= 1e-6) break
    a -= step * da
    b -= step * db
    const next = loss(a, b)
    if (current - next < 1e-10) break
    current = next
  }
  return { a, b }
}
