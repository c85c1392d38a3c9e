// Who may read which tier, now (DESIGN.md 1): tier 1 when signed in; tier 2 within 12 h of a
// password sign-in (or a passkey step-up, or a token allowed up to confidential); tier 3 within
// 15 minutes of a passkey step-up; tier 4 within 5 minutes of one. Never above the user's
// max tier or a token's.
import type { Principal } from '@/lib/auth/principal-type'
import { AppError } from '@/lib/errors'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'

export const FRESH_LOGIN_MS = 12 * 3_600_000

export type Unlock = 'password' | 'passkey'

/** Why a tier is locked for this caller, or null when it is readable. */
export function lockReason(principal: Principal, tier: Tier, now = Date.now()): { unlock: Unlock | 'none'; message: string } | null {
  const level = TIER_LEVEL[tier]
  if (level === 1) return null
  if (level > principal.user.maxTier) {
    return { unlock: 'none', message: `Your account may not open ${tier} memories.` }
  }
  if (principal.kind === 'token') {
    return level <= principal.maxTierLevel ? null : { unlock: 'none', message: `This API token may not read ${tier} memories.` }
  }
  const session = principal.session
  const unlockedUntil = (key: string) => {
    const until = session?.unlocks?.[key]
    return until ? Date.parse(until) > now : false
  }
  if (level === 2) {
    const fresh = session?.freshAuthAt && now - session.freshAuthAt.getTime() <= FRESH_LOGIN_MS
    if (fresh || unlockedUntil('3') || unlockedUntil('2')) return null
    return { unlock: 'password', message: 'Confirm your password (or use your passkey) to open confidential memories.' }
  }
  if (level === 3) return unlockedUntil('3') ? null : { unlock: 'passkey', message: 'Unlock with your passkey to open secret memories.' }
  return unlockedUntil('4') ? null : { unlock: 'passkey', message: 'Unlock with your passkey to open ultrasecret memories (each access).' }
}

export function canRead(principal: Principal, tier: Tier, now = Date.now()): boolean {
  return lockReason(principal, tier, now) === null
}

export function assertCanRead(principal: Principal, tier: Tier) {
  const reason = lockReason(principal, tier)
  if (reason) throw new AppError('forbidden:tier', { message: reason.message, details: { tier, unlock: reason.unlock } })
}
