'use client'

import type { ReactNode } from 'react'
import type { Tier } from '@/lib/tiers'
import { useTierOpen } from './open-tiers'

/** Shows `children` (protected content of `tier`) only while its unlock window is open in this tab. */
export function Protected({ tier, children, fallback }: { tier: Tier; children: ReactNode; fallback: ReactNode }) {
  return useTierOpen(tier) ? children : fallback
}
