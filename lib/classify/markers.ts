// Explicit tier markers: `#secret` (or any tier name) anywhere in a message wins over every
// model. People write them carelessly — mid-sentence, in brackets, before a full stop, in any
// case — so any standalone `#tier` token counts; one glued into a word (`foo#secret`,
// `#secretary`) does not. With several markers the most protected one wins (fail safe).
import { TIERS, type Tier } from '@/lib/tiers'

const MARKER = new RegExp(`(?<![\\p{L}\\p{N}_])#(${TIERS.join('|')})(?![\\p{L}\\p{N}_])`, 'giu')

export function explicitTier(text: string): Tier | null {
  let found = -1
  for (const match of text.matchAll(MARKER)) {
    found = Math.max(found, TIERS.indexOf(match[1].toLowerCase() as Tier))
  }
  return found < 0 ? null : TIERS[found]
}
