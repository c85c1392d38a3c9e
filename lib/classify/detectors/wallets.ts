// Cryptocurrency: seed phrases (BIP39 words whose built-in checksum holds, or a run of them
// stated as a seed phrase; ultrasecret, since the phrase is the money) and wallet addresses
// (Base58Check and Bech32 checksums, Ethereum's 0x + 40 hex).
import { validateMnemonic } from '@scure/bip39'
import { wordlist } from '@scure/bip39/wordlists/english.js'
import { shannonEntropy } from './checksums'
import { isPersonal } from './context'
import { base58CheckDecode, segwitValid } from './encodings'
import { sentenceAt, toRaw, type Finding, type Scan } from './scan'

const BIP39 = new Set(wordlist)
const PHRASE_LENGTHS = [24, 21, 18, 15, 12]
const SEED_STATED =
  /\b(?:seed|mnemonic|recovery phrase|backup phrase|secret phrase|wallet phrase|recovery words|backup words|seed words|(?:12|24|twelve|twenty[- ]four)[- ]words?)\b/i

interface Word {
  start: number
  end: number
  word: string
}

/** Runs of consecutive BIP39 words; numbering ("1." "2)") and commas may sit between them. */
function bip39Runs(raw: string): Word[][] {
  const runs: Word[][] = []
  let run: Word[] = []
  let lastEnd = 0
  for (const m of raw.matchAll(/\p{L}+/gu)) {
    const word = m[0].toLowerCase()
    const gap = raw.slice(lastEnd, m.index)
    const joined = run.length > 0 && /^[\s,;.:\-)(]*(?:\d{1,2}[.):\-]?[\s]*)?$/.test(gap)
    if (!BIP39.has(word) || !joined) {
      if (run.length >= 12) runs.push(run)
      run = []
    }
    if (BIP39.has(word)) run.push({ start: m.index, end: m.index + m[0].length, word })
    lastEnd = m.index + m[0].length
  }
  if (run.length >= 12) runs.push(run)
  return runs
}

/**
 * The test vectors ("abandon abandon … about") and repeated text reuse words; a generated
 * phrase of 2048-word draws rarely repeats more than once or twice.
 */
function repetitive(words: readonly Word[]): boolean {
  return new Set(words.map((w) => w.word)).size < words.length - 2
}

function seedPhrases(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const run of bip39Runs(scan.raw)) {
    let found: Word[] | null = null
    // The phrase is usually the whole run; check it aligned to either end, not every offset.
    for (const n of PHRASE_LENGTHS) {
      if (run.length < n) continue
      for (const slice of [run.slice(0, n), run.slice(run.length - n)]) {
        if (!found && !repetitive(slice) && validateMnemonic(slice.map((w) => w.word).join(' '), wordlist)) found = slice
      }
      if (found) break
    }
    const context = scan.raw.slice(Math.max(0, run[0].start - 80), run[0].start)
    const stated = SEED_STATED.test(context)
    if (found) {
      out.push({ kind: 'seed_phrase', start: found[0].start, end: found[found.length - 1].end, raw: true, confidence: 0.99, reason: 'a BIP39 seed phrase with a valid checksum' })
    } else if (stated && !repetitive(run)) {
      out.push({ kind: 'seed_phrase', start: run[0].start, end: run[run.length - 1].end, raw: true, confidence: 0.9, reason: 'BIP39 words stated as a seed phrase' })
    }
  }
  return out
}

const BASE58_VERSIONS: ReadonlyMap<number, string> = new Map([
  [0x00, 'Bitcoin'],
  [0x05, 'Bitcoin'],
  [0x30, 'Litecoin'],
  [0x32, 'Litecoin'],
  [0x1e, 'Dogecoin'],
  [0x16, 'Dogecoin'],
])

function addressFinding(scan: Scan, start: number, end: number, confidence: number, reason: string): Finding {
  const span = toRaw(scan, start, end)
  const sentence = sentenceAt(scan, span.start)
  const text = scan.raw.slice(sentence.start, sentence.end)
  const own = isPersonal(text) && /\b(?:wallet|address|btc|bitcoin|eth|ethereum|crypto|coins?)\b/i.test(text)
  return {
    kind: 'crypto_address',
    start,
    end,
    confidence,
    floor: own ? 'secret' : undefined,
    reason: own ? `${reason}, stated as the writer's own wallet` : reason,
  }
}

function addresses(scan: Scan): Finding[] {
  const out: Finding[] = []
  const text = scan.view.text
  for (const m of text.matchAll(/(?<![A-Za-z0-9])[13LMD][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g)) {
    const payload = base58CheckDecode(m[0])
    const coin = payload?.length === 21 ? BASE58_VERSIONS.get(payload[0]) : undefined
    if (!coin) continue
    out.push(addressFinding(scan, m.index, m.index + m[0].length, 0.98, `a ${coin} address with a valid Base58Check checksum`))
  }
  for (const m of text.matchAll(/(?<![A-Za-z0-9])(?:bc|ltc|tb)1[02-9ac-hj-np-z]{8,87}(?![A-Za-z0-9])/gi)) {
    if (!segwitValid(m[0], ['bc', 'ltc', 'tb'])) continue
    out.push(addressFinding(scan, m.index, m.index + m[0].length, 0.98, 'a SegWit address with a valid Bech32 checksum'))
  }
  for (const m of text.matchAll(/(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![0-9A-Za-z])/g)) {
    const hex = m[0].slice(2)
    if (/^(.)\1+$/.test(hex) || shannonEntropy(hex.toLowerCase()) < 3) continue
    out.push(addressFinding(scan, m.index, m.index + m[0].length, 0.9, 'an Ethereum address'))
  }
  return out
}

export function findWallets(scan: Scan): Finding[] {
  return [...seedPhrases(scan), ...addresses(scan)]
}
