import { describe, expect, it } from 'vitest'
import { decideTier } from '@/lib/classify/decide'
import { TIERS, type Tier } from '@/lib/tiers'

function probs(entries: Partial<Record<Tier, number>>): number[] {
  return TIERS.map((t) => entries[t] ?? 0)
}

describe('decideTier: thresholds and fail-safe', () => {
  it('keeps a sensitive tier that meets its threshold', () => {
    expect(decideTier({ probabilities: probs({ secret: 0.93, confidential: 0.05, general: 0.02 }), floor: null }).tier).toBe('secret')
  })

  it('drops a sensitive tier below its threshold one step, where that tier meets its own', () => {
    const d = decideTier({ probabilities: probs({ ultrasecret: 0.7, secret: 0.22, general: 0.08 }), floor: null })
    expect(d.tier).toBe('secret')
    expect(d.notes.join(' ')).toBe('Saved as secret (92% sure): it may need ultrasecret (70%), but that takes 95%, so it falls one step.')
  })

  it('keeps falling while the tier it falls to misses its own threshold: no tier is kept below its threshold', () => {
    const two = decideTier({ probabilities: probs({ ultrasecret: 0.72, secret: 0.1, general: 0.18 }), floor: null })
    expect(two).toMatchObject({ tier: 'confidential', confidence: 0.82 })
    expect(two.notes.join(' ')).toBe('Saved as confidential (82% sure): it may need ultrasecret (72%), but that takes 95%, so it falls to confidential.')
    // "Stay safe!" once read as 80 % ultrasecret; half sure of a secret is not 90 % sure of one.
    const unsure = probs({ ultrasecret: 0.48, secret: 0.1, general: 0.42 })
    const none = decideTier({ probabilities: unsure, floor: null })
    expect(none).toMatchObject({ tier: 'general', confidence: 0.42 })
    expect(none.notes.join(' ')).toBe('Saved as general (42% sure): it may need ultrasecret (48%), but that takes 95%, and no protected tier meets its own threshold.')
    // A detector's floor still wins.
    expect(decideTier({ probabilities: unsure, floor: 'secret' }).tier).toBe('secret')
  })

  it('says one thing when a detector lifts a tier the model would have dropped: the saved tier and the confidence shown', () => {
    const d = decideTier({ probabilities: probs({ confidential: 0.77, general: 0.23 }), floor: 'confidential', floorConfidence: 0.8 })
    expect(d).toMatchObject({ tier: 'confidential', confidence: 0.8 })
    expect(d.notes).toEqual(['Saved as confidential (80% sure): a detector proved it needs at least that.'])
  })

  it('counts the more protective tiers toward a tier (fail-safe): secret + ultrasecret mass keeps secret', () => {
    const d = decideTier({ probabilities: probs({ secret: 0.6, ultrasecret: 0.32, general: 0.08 }), floor: null })
    expect(d.tier).toBe('secret')
    expect(d.confidence).toBeCloseTo(0.92, 2)
  })


  it('never goes below a detector floor, whatever the model says', () => {
    const d = decideTier({ probabilities: probs({ general: 0.97 }), floor: 'secret', floorConfidence: 0.99 })
    expect(d).toMatchObject({ tier: 'secret', confidence: 0.99 })
    expect(d.notes).toEqual(['Saved as secret (99% sure): a detector proved it needs at least that.'])
  })

  it('does not lower a tier that is already above the floor', () => {
    expect(decideTier({ probabilities: probs({ ultrasecret: 0.99 }), floor: 'confidential' }).tier).toBe('ultrasecret')
  })

  it('uses the user default tier when unsure between an event and a fact', () => {
    const unsure = probs({ chronological: 0.5, general: 0.45, confidential: 0.05 })
    expect(decideTier({ probabilities: unsure, floor: null, defaultTier: 'general' }).tier).toBe('general')
    expect(decideTier({ probabilities: unsure, floor: null, defaultTier: 'confidential' }).tier).toBe('confidential')
  })

  it('applies the ordinary thresholds: chronological 0.70, general 0.60', () => {
    expect(decideTier({ probabilities: probs({ chronological: 0.8, general: 0.2 }), floor: null, defaultTier: 'general' }).tier).toBe('chronological')
    expect(decideTier({ probabilities: probs({ chronological: 0.65, general: 0.35 }), floor: null, defaultTier: 'general' }).tier).toBe('general')
    expect(decideTier({ probabilities: probs({ general: 0.62, chronological: 0.38 }), floor: null, defaultTier: 'chronological' }).tier).toBe('general')
  })

  it("follows the user's corrections, but still not below the floor", () => {
    const model = probs({ general: 0.9, chronological: 0.1 })
    expect(decideTier({ probabilities: model, floor: null, corrected: { tier: 'confidential', weight: 2 } }).tier).toBe('confidential')
    expect(decideTier({ probabilities: model, floor: 'secret', corrected: { tier: 'general', weight: 3 } }).tier).toBe('secret')
  })
})

describe('decideTier: sensitive mass', () => {
  it('protects by cumulative mass, and a weak sensitive majority falls back to general', () => {
    const d = decideTier({ probabilities: probs({ general: 0.15, confidential: 0.44, secret: 0.41 }), floor: null })
    // 85% needs at least confidential, but only 41% needs secret.
    expect(d.tier).toBe('confidential')
    expect(decideTier({ probabilities: probs({ general: 0.45, confidential: 0.25, secret: 0.3 }), floor: null }).tier).toBe('general')
  })
})
