// What an API token may do, and the highest tier it may ever read.
import { z } from 'zod'
import { TIER_LEVEL } from '@/lib/tiers'

export const SCOPES = ['memories:read', 'memories:write', 'search', 'export'] as const
export type Scope = (typeof SCOPES)[number]

/** API tokens never read above confidential (DESIGN.md 1). */
export const TOKEN_TIERS = ['chronological', 'general', 'confidential'] as const
export type TokenTier = (typeof TOKEN_TIERS)[number]

export const scopeSchema = z.enum(SCOPES)
export const tokenTierSchema = z.enum(TOKEN_TIERS)

export function tokenTierLevel(tier: TokenTier): number {
  return TIER_LEVEL[tier]
}

export function tokenTierName(level: number): TokenTier {
  return level >= 2 ? 'confidential' : 'general'
}
