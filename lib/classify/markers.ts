// Explicit tier markers: `#secret` (or any tier name) at the start or the end of a message
// wins over every model.
import { TIERS, type Tier } from '@/lib/tiers'

const MARKER = new RegExp(`(?:^\\s*#(${TIERS.join('|')})\\b|#(${TIERS.join('|')})\\s*$)`, 'i')

export function explicitTier(text: string): Tier | null {
  const match = MARKER.exec(text)
  const name = (match?.[1] ?? match?.[2])?.toLowerCase()
  return name ? (name as Tier) : null
}
