import { TIERS, TIER_LEVEL, type Tier } from '@/lib/tiers'

const DESCRIPTION: Record<Tier, string> = {
  chronological: 'Events with a time: “yesterday I…”, “meeting on Friday”. Searchable once signed in.',
  general: 'Facts and preferences: “I prefer aisle seats”. Searchable once signed in.',
  confidential: 'Private matters: health worries, family, salary. Encrypted; needs a fresh sign-in.',
  secret: 'Credentials, account numbers, medical and legal detail. Encrypted; needs your passkey.',
  ultrasecret: 'Master passwords, recovery codes, private keys. Encrypted; passkey for every access.',
}

const DOT: Record<Tier, string> = {
  chronological: 'bg-tier-chronological',
  general: 'bg-tier-general',
  confidential: 'bg-tier-confidential',
  secret: 'bg-tier-secret',
  ultrasecret: 'bg-tier-ultrasecret',
}

export function TierList() {
  return (
    <ul className="flex flex-col gap-3">
      {TIERS.map((tier) => (
        <li key={tier} className="flex gap-3 rounded-lg border border-slate-200 p-4 dark:border-slate-700">
          <span aria-hidden className={`mt-1.5 size-3 shrink-0 rounded-full ${DOT[tier]}`} />
          <div>
            <p className="font-medium capitalize">
              {tier} <span className="text-sm font-normal text-slate-500 dark:text-slate-400">level {TIER_LEVEL[tier]}</span>
            </p>
            <p className="text-slate-600 dark:text-slate-300">{DESCRIPTION[tier]}</p>
          </div>
        </li>
      ))}
    </ul>
  )
}
