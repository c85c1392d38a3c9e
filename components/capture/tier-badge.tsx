import type { Tier } from '@/lib/tiers'
import { TIER_LEVEL } from '@/lib/tiers'

const STYLE: Record<Tier, string> = {
  chronological: 'bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-100',
  general: 'bg-teal-100 text-teal-900 dark:bg-teal-950 dark:text-teal-100',
  confidential: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100',
  secret: 'bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-100',
  ultrasecret: 'bg-violet-100 text-violet-900 dark:bg-violet-950 dark:text-violet-100',
}

function LockIcon() {
  return (
    <svg aria-hidden viewBox="0 0 16 16" className="mr-1 inline size-3 align-[-1px]" fill="currentColor">
      <path d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
    </svg>
  )
}

export function TierBadge({ tier }: { tier: Tier }) {
  return (
    <span data-testid="tier-badge" className={`rounded-full px-2 py-0.5 text-xs font-medium ${STYLE[tier]}`}>
      {TIER_LEVEL[tier] >= 2 && <LockIcon />}
      {tier}
      {TIER_LEVEL[tier] >= 2 && <span className="sr-only"> (protected)</span>}
    </span>
  )
}
