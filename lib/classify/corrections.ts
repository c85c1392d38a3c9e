// The per-user layer: labelled examples from the user's own corrections. A new message close
// to several corrected ones follows them; other users' corrections never count.
import type { Tier } from '@/lib/tiers'
import { cosine, type SparseVector } from './features'

export interface CorrectionExample {
  vector: SparseVector
  tier: Tier
}

/** How close a corrected example must be to count, and how much agreement decides. */
const MIN_SIMILARITY = 0.35
const DECISIVE_WEIGHT = 1.2

export function correctedTier(vector: SparseVector, examples: readonly CorrectionExample[]): { tier: Tier; weight: number } | null {
  if (examples.length === 0) return null
  const votes = new Map<Tier, number>()
  for (const example of examples) {
    const similarity = cosine(vector, example.vector)
    if (similarity >= MIN_SIMILARITY) votes.set(example.tier, (votes.get(example.tier) ?? 0) + similarity)
  }
  let best: { tier: Tier; weight: number } | null = null
  for (const [tier, weight] of votes) if (!best || weight > best.weight) best = { tier, weight }
  return best && best.weight >= DECISIVE_WEIGHT ? best : null
}
