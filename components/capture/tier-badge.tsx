import type { Tier } from '@/lib/tiers'
import { TIER_LEVEL } from '@/lib/tiers'

const STYLE: Record<Tier, string> = {
  chronological: 'bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-100',
  general: 'bg-teal-100 text-teal-900 dark:bg-teal-950 dark:text-teal-100',
  confidential: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  secret: 'bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-100',
  ultrasecret: 'bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-100',
}

export function TierBadge({ tier }: { tier: Tier }) {
  return (
    <span data-testid="tier-badge" className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLE[tier]}`}>
      {TIER_LEVEL[tier] >= 2 ? '🔒 ' : ''}
      {tier}
    </span>
  )
}
