// The per-message scan that every detector reads: the original text, its compact view, the
// word tokens of that view with their canonical forms, and the sentences. Built once per
// detect() call so that the detectors share the tokenising work, and the place where a span in
// the compact view becomes a Detection with offsets into the original text.
import type { Detection, DetectorKind } from '@/lib/classify/types'
import type { Tier } from '@/lib/tiers'
import { canonicalWord, compactView, type View } from './normalize'

export interface Token {
  /** Offsets in the compact view. */
  start: number
  end: number
  canon: string
  /** Offset of `canon` inside Scan.canon. */
  canonStart: number
}

export interface Scan {
  raw: string
  view: View
  tokens: Token[]
  /** Canonical tokens joined by single spaces: what trigger patterns are written against. */
  canon: string
  /** Sentence ranges in the original text. */
  sentences: Array<{ start: number; end: number }>
}

export const KIND_FLOOR: Readonly<Record<DetectorKind, Tier>> = {
  password: 'secret',
  pin: 'secret',
  api_key: 'secret',
  access_token: 'secret',
  private_key: 'ultrasecret',
  seed_phrase: 'ultrasecret',
  recovery_code: 'ultrasecret',
  otp_code: 'secret',
  card_number: 'secret',
  iban: 'secret',
  bank_account: 'secret',
  national_id: 'secret',
  passport: 'secret',
  drivers_license: 'secret',
  tax_id: 'secret',
  crypto_address: 'confidential',
  security_answer: 'secret',
  email: 'confidential',
  phone: 'confidential',
  street_address: 'confidential',
  date_of_birth: 'confidential',
  ip_address: 'confidential',
  health: 'confidential',
  legal: 'confidential',
  financial: 'confidential',
  personal_data: 'confidential',
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*['’]?|[^\s\p{L}\p{N}]/gu

export function buildScan(raw: string): Scan {
  const view = compactView(raw)
  const tokens: Token[] = []
  let canon = ''
  for (const m of view.text.matchAll(TOKEN)) {
    const word = canonicalWord(m[0])
    if (canon.length > 0) canon += ' '
    tokens.push({ start: m.index, end: m.index + m[0].length, canon: word, canonStart: canon.length })
    canon += word
  }
  const sentences: Array<{ start: number; end: number }> = []
  let start = 0
  // A sentence ends at . ! ? followed by space, or at a line break; decimals and dotted
  // numbers ("1.2.3.4") do not end one.
  for (const m of raw.matchAll(/[.!?]+(?=\s|$)|\n+/g)) {
    const end = m.index + m[0].length
    if (end > start) sentences.push({ start, end })
    start = end
  }
  if (start < raw.length || sentences.length === 0) sentences.push({ start, end: raw.length })
  return { raw, view, tokens, canon, sentences }
}

/** A global pattern over the canonical text whose ends fall on token boundaries. */
export function trigger(pattern: string): RegExp {
  return new RegExp(`(?<![^ ])(?:${pattern})(?![^ ])`, 'g')
}

/** Index of the first token that starts at or after a canonical offset (tokens.length if none). */
export function tokenAtCanon(scan: Scan, offset: number): number {
  let lo = 0
  let hi = scan.tokens.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (scan.tokens[mid].canonStart < offset) lo = mid + 1
    else hi = mid
  }
  return lo
}

export interface TriggerHit {
  /** First token of the trigger. */
  first: number
  /** First token after the trigger. */
  next: number
}

/** Every match of a trigger pattern, as token indexes. */
export function* triggerHits(scan: Scan, pattern: RegExp): Generator<TriggerHit> {
  pattern.lastIndex = 0
  for (const m of scan.canon.matchAll(pattern)) {
    yield { first: tokenAtCanon(scan, m.index), next: tokenAtCanon(scan, m.index + m[0].length) }
  }
}

/** Maps a span of the compact view to the original text. */
export function toRaw(scan: Scan, start: number, end: number): { start: number; end: number } {
  const map = scan.view.map
  const rawStart = map[start]
  const rawEnd = end > start ? map[end - 1] + 1 : rawStart
  return { start: rawStart, end: rawEnd }
}

/** Maps one offset of the compact view to the original text. */
export function rawAt(scan: Scan, offset: number): number {
  return scan.view.map[offset]
}

/** The sentence of the original text that holds an offset. */
export function sentenceAt(scan: Scan, rawOffset: number): { start: number; end: number } {
  for (const s of scan.sentences) if (rawOffset < s.end) return s
  return scan.sentences[scan.sentences.length - 1]
}

export interface Finding {
  kind: DetectorKind
  /** Offsets in the compact view unless `raw` is set. */
  start: number
  end: number
  confidence: number
  reason: string
  floor?: Tier
  raw?: boolean
}

export function toDetection(scan: Scan, f: Finding): Detection {
  const span = f.raw ? { start: f.start, end: f.end } : toRaw(scan, f.start, f.end)
  return {
    kind: f.kind,
    start: span.start,
    end: span.end,
    floor: f.floor ?? KIND_FLOOR[f.kind],
    confidence: Math.round(f.confidence * 100) / 100,
    reason: f.reason,
  }
}
