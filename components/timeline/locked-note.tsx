'use client'

import { useContext } from 'react'
import { AddPasskeyInline, HasPasskeyContext } from '@/components/security/add-passkey-inline'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'

/** What a locked bubble says: how to open it, or, in a passkey tier without a passkey, how to get one. */
export function LockedNote({ tier }: { tier: Tier }) {
  const hasPasskey = useContext(HasPasskeyContext)
  if (TIER_LEVEL[tier] >= 3 && !hasPasskey) {
    return (
      <div className="flex flex-col gap-1.5 text-slate-700 dark:text-slate-200" data-testid="needs-passkey">
        <p>Saved and locked. Reading {tier} memories takes a passkey, and this account has none yet.</p>
        <AddPasskeyInline tier={tier} />
      </div>
    )
  }
  return <p className="text-slate-600 italic dark:text-slate-300">Locked. Unlock the {tier} tier to read it.</p>
}
