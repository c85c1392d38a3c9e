// What may never wait on the device (DESIGN.md 1: ultrasecret is never kept offline): an explicit
// `#ultrasecret` marker or chosen tier, or a proof the browser can check on its own — a private
// key block, or a BIP39 seed phrase whose checksum holds. Client-safe: no Node modules.
import { validateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import { explicitTier } from '@/lib/classify/markers'
import type { Tier } from '@/lib/tiers'

const BIP39 = new Set(wordlist)
const PHRASE_LENGTHS = [24, 21, 18, 15, 12]
const PRIVATE_KEY_BLOCK = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/

/** Whether some run of consecutive BIP39 words (numbering and commas between them allowed) is a valid phrase. */
function hasSeedPhrase(text: string): boolean {
  const runs: string[][] = []
  let run: string[] = []
  let lastEnd = 0
  for (const m of text.matchAll(/\p{L}+/gu)) {
    const word = m[0].toLowerCase()
    const joined = run.length > 0 && /^[\s,;.:\-)(]*(?:\d{1,2}[.):-]?\s*)?$/.test(text.slice(lastEnd, m.index))
    if (!BIP39.has(word) || !joined) {
      if (run.length >= 12) runs.push(run)
      run = []
    }
    if (BIP39.has(word)) run.push(word)
    lastEnd = m.index + m[0].length
  }
  if (run.length >= 12) runs.push(run)
  return runs.some((words) =>
    PHRASE_LENGTHS.some((n) => words.length >= n && [words.slice(0, n), words.slice(words.length - n)].some((slice) => validateMnemonic(slice.join(' '), wordlist))),
  )
}

/** Why this capture may not wait in the offline outbox, or null when it may. */
export function neverOffline(content: string, tier?: Tier): string | null {
  if (tier === 'ultrasecret' || explicitTier(content) === 'ultrasecret') {
    return 'Ultrasecret memories are never kept on this device. Send it when you are back online; it stays in the box until then.'
  }
  if (PRIVATE_KEY_BLOCK.test(content) || hasSeedPhrase(content)) {
    return 'This looks like a private key or a wallet seed phrase, which is never kept on this device. Send it when you are back online; it stays in the box until then.'
  }
  return null
}
