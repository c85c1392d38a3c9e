// The five security tiers of DESIGN.md section 1: names, levels and what unlocks them.
export const TIERS = ['chronological', 'general', 'confidential', 'secret', 'ultrasecret'] as const
export type Tier = (typeof TIERS)[number]

export const TIER_LEVEL: Record<Tier, 1 | 2 | 3 | 4> = {
  chronological: 1,
  general: 1,
  confidential: 2,
  secret: 3,
  ultrasecret: 4,
}

/** A tier whose content is stored encrypted and read only after an unlock. */
export function isProtectedTier(tier: Tier): boolean {
  return TIER_LEVEL[tier] >= 2
}

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value)
}
