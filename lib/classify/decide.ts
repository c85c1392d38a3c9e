// Turning tier probabilities into one tier, by the rules of DESIGN.md 3: per-tier confidence
// thresholds, a sensitive tier that misses its threshold falls one step (and on, while the tier
// it falls to misses its own), the user's earlier corrections, and never below what a detector
// proved.
import { TIER_LEVEL, TIERS, type Tier } from '@/lib/tiers'
import { THRESHOLDS } from './schema'

export interface DecisionInput {
  /** Probability of each tier, in TIERS order. */
  probabilities: number[]
  /** The floor the detectors proved, if any. */
  floor: Tier | null
  floorConfidence?: number
  /** Where the user wants captures the classifier cannot place. */
  defaultTier?: Tier
  /** A tier the user's own corrections of similar messages point to. */
  corrected?: { tier: Tier; weight: number } | null
}

export interface Decision {
  tier: Tier
  confidence: number
  /** Why, in plain words, one clause per rule that applied. */
  notes: string[]
}

const SENSITIVE: Tier[] = ['confidential', 'secret', 'ultrasecret']

function higher(a: Tier, b: Tier): Tier {
  return TIER_LEVEL[b] > TIER_LEVEL[a] || (TIER_LEVEL[b] === TIER_LEVEL[a] && TIERS.indexOf(b) > TIERS.indexOf(a)) ? b : a
}

function pct(x: number) {
  return `${Math.round(x * 100)}%`
}

export function decideTier({ probabilities, floor, floorConfidence = 0.99, defaultTier = 'general', corrected }: DecisionInput): Decision {
  const p = (tier: Tier) => probabilities[TIERS.indexOf(tier)] ?? 0
  /** Confidence that a message needs at least this tier's protection. */
  const atLeast = (tier: Tier) => SENSITIVE.slice(SENSITIVE.indexOf(tier)).reduce((sum, t) => sum + p(t), 0)
  const notes: string[] = []

  let tier: Tier
  let confidence: number
  if (corrected) {
    tier = corrected.tier
    confidence = Math.min(0.99, 0.6 + corrected.weight / 10)
    notes.push(`Your earlier corrections of similar messages put them in ${tier}.`)
  } else {
    const top = TIERS.reduce((best, t) => (p(t) > p(best) ? t : best), TIERS[0])
    const sensitiveMass = atLeast('confidential')
    if (SENSITIVE.includes(top) || sensitiveMass >= 0.5) {
      // The top candidate if its cumulative confidence meets its threshold.
      const start: Tier = SENSITIVE.includes(top) ? top : 'confidential'
      confidence = atLeast(start)
      if (confidence >= THRESHOLDS[start]) {
        tier = start
        notes.push(`The model is ${pct(confidence)} sure this needs ${tier} protection.`)
      } else {
        // Below its threshold a sensitive tier falls one step, and so does the tier it falls to:
        // a tier is kept only where its own confidence meets its own threshold.
        const below = SENSITIVE.slice(0, SENSITIVE.indexOf(start)).reverse().find((t) => atLeast(t) >= THRESHOLDS[t])
        tier = below ?? 'general'
        confidence = tier === 'general' ? p('general') + p('chronological') : atLeast(tier)
        const oneStep = TIER_LEVEL[start] - TIER_LEVEL[tier] === 1
        const fall = oneStep ? 'so it falls one step' : tier === 'general' ? 'and no protected tier meets its own threshold' : `so it falls to ${tier}`
        // One sentence naming the saved tier with the confidence shown beside it.
        notes.push(`Saved as ${tier} (${pct(confidence)} sure): it may need ${start} (${pct(atLeast(start))}), but that takes ${pct(THRESHOLDS[start])}, ${fall}.`)
      }
    } else {
      const ordinary = p('chronological') + p('general') || 1
      tier = p('chronological') >= p('general') ? 'chronological' : 'general'
      confidence = p(tier) / ordinary
      if (confidence >= THRESHOLDS[tier]) {
        notes.push(tier === 'chronological' ? `It reads as an event in time (${pct(confidence)}).` : `It reads as a fact or preference (${pct(confidence)}).`)
      } else {
        const chosen = defaultTier
        notes.push(`Unsure between an event and a fact (${pct(confidence)}); your default tier ${chosen} applies.`)
        tier = chosen
      }
    }
  }

  if (floor && higher(tier, floor) === floor && floor !== tier) {
    // The detector's proof decides: what the model leaned to no longer applies.
    tier = floor
    confidence = floorConfidence
    notes.splice(0, notes.length, `Saved as ${tier} (${pct(confidence)} sure): a detector proved it needs at least that.`)
  }
  return { tier, confidence: Math.round(confidence * 100) / 100, notes }
}
