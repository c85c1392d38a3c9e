// What the "stated as such" detectors share: finding the value that follows a trigger phrase
// ("my PIN is 4821" → 4821), telling a real value from a placeholder ("the test PIN is 0000"),
// and telling a personal statement from a general question.
import { rawAt, toRaw, triggerHits, type Scan } from './scan'

/** Connector words between a trigger and its value: "account number is", "PIN: ", "code = ". */
export const CONNECTORS: ReadonlySet<string> = new Set([
  'is', 'was', 'are', 'were', "'s", ':', '=', '-', '#', 'number', 'no', 'nr', 'num', 'of', 'the', 'my', 'it',
  'be', 'will', 'currently', 'now', 'set', 'to', 'as', 'called', 'named', 'code', '.', 'at', 'reads', 'says',
  '>', '→', 'id', 'still', 'again', 'just',
])

/** Skips connector tokens and returns the view offset where the value should start. */
export function valueStart(
  scan: Scan,
  tokenIndex: number,
  maxSkip = 5,
  connectors: ReadonlySet<string> = CONNECTORS,
): number | null {
  let i = tokenIndex
  let skipped = 0
  while (i < scan.tokens.length && skipped < maxSkip) {
    if (!connectors.has(scan.tokens[i].canon)) break
    i++
    skipped++
  }
  return i < scan.tokens.length ? scan.tokens[i].start : null
}

/** Reads a run of digits (with the dashes, dots and slashes people type) at a view offset; `value` holds the digits alone. */
export function digitsAt(scan: Scan, at: number): { start: number; end: number; value: string } | null {
  const re = /\(?\d[\d\-./()]*\d|\d/y
  re.lastIndex = at
  const m = re.exec(scan.view.text)
  if (!m) return null
  const end = at + m[0].length
  // A number glued to letters ("abc123", "123rd") is not a bare number.
  if (/[\p{L}_]/u.test(scan.view.text[end] ?? '') || /[\p{L}_]/u.test(scan.view.text[at - 1] ?? '')) return null
  return { start: at, end, value: m[0].replace(/\D/g, '') }
}

/** Reads an identifier (letters, digits, dashes) at a view offset. */
export function idAt(scan: Scan, at: number): { start: number; end: number; value: string } | null {
  const re = /[A-Za-z0-9](?:[A-Za-z0-9]|[-/.](?=[A-Za-z0-9])){2,40}/y
  re.lastIndex = at
  const m = re.exec(scan.view.text)
  if (!m) return null
  return { start: at, end: at + m[0].length, value: m[0] }
}

const CLAUSE_STOP =
  /\s*(?:[,;]\s|[,;]$|[.!?](?=\s+\p{Lu}|\s*$)|\n|[\u200e\u200f\u202a-\u202e\u2066-\u2069]|\s+(?:and|but|or|so|for|please|pls|plz|thanks|thx|because|since|if|when|which|then|from|on|in|lol|btw|ok|okay|don't|dont)\b)/uy

/**
 * Reads a free-form value (a password, a security answer) from a view offset to the end of
 * its clause, or the content of quotes when it is quoted.
 */
export function clauseAt(scan: Scan, at: number, maxLength = 64): { start: number; end: number; value: string } | null {
  const text = scan.view.text
  const open = text[at]
  const close = { '"': '"', "'": "'", '“': '”', '‘': '’', '`': '`' }[open]
  if (close) {
    const end = text.indexOf(close, at + 1)
    if (end > at + 1 && end - at <= maxLength + 1) return { start: at + 1, end, value: text.slice(at + 1, end) }
  }
  let end = at
  while (end < text.length && end - at <= maxLength) {
    CLAUSE_STOP.lastIndex = end
    if (end > at && CLAUSE_STOP.test(text)) break
    end++
  }
  if (end - at > maxLength) return null
  while (end > at && /[\s.,;:]/.test(text[end - 1])) end--
  if (end === at) return null
  return { start: at, end, value: text.slice(at, end) }
}

/** Words that say the value is an example rather than the person's own. */
const PLACEHOLDER = /\b(?:test|testing|demo|dummy|sample|example|fake|placeholder|mock|fictional|made up|e\.g)\b/i

/**
 * True when the value is framed as an example: "the test PIN is 0000", "… 0000, for demo?".
 * Looks a few words before the trigger and just after the value, not at the whole message, so
 * "my password for the test server" is still a password.
 */
export function placeholderFramed(scan: Scan, rawTriggerStart: number, rawValueEnd: number): boolean {
  const before = scan.raw.slice(Math.max(0, rawTriggerStart - 24), rawTriggerStart)
  if (PLACEHOLDER.test(before.split(/[.!?\n]/).pop() ?? '')) return true
  const after = scan.raw.slice(rawValueEnd, rawValueEnd + 40)
  return /^[\s,;:)]*(?:(?:is (?:that|this|it) |are (?:they|these) |just |only |all )?(?:for |as |an? |the |like )*(?:test|testing|demo|dummy|sample|example|fake|placeholder|illustration)\b)/i.test(after)
}

/** All one digit, or a straight run up or down ("123456", "98765"): the numbers of forms and tests. */
export function isDummyDigits(digits: string): boolean {
  if (/^(\d)\1*$/.test(digits)) return true
  if (digits.length < 6) return false
  const up = '01234567890123456789'
  const down = '98765432109876543210'
  return up.includes(digits) || down.includes(digits)
}

/** A value that only hides one ("xxxx", "****", "<password>", "[redacted]", "..."). */
export function isMaskedValue(value: string): boolean {
  return (
    /^[x*•.#_\-?]+$/i.test(value) ||
    /^[<[{(].*[>\]})]$/.test(value) ||
    /\b(?:redacted|hidden|removed|censored|your|here)\b/i.test(value)
  )
}

/** The writer, or a particular person they write about ("she was diagnosed …"). */
const FIRST_PERSON =
  /(?:^|[^\p{L}'])(?:i|i'm|im|i've|ive|i'd|i'll|me|my|mine|myself|we|we're|we've|our|ours|ourselves|us|he|she|he's|she's|him|her|his|hers)(?![\p{L}'])/iu
const FAMILY =
  /\b(?:mom|mum|mother|dad|father|wife|husband|partner|spouse|son|daughter|kid|kids|child|children|baby|brother|sister|grandma|grandpa|grandmother|grandfather|aunt|uncle|cousin|fianc[eé]e?|boyfriend|girlfriend)\b/i

/** A sentence about the writer, their family or someone they know, not a general question. */
export function isPersonal(sentence: string): boolean {
  // "US" in capitals is the country, not the pronoun.
  const text = sentence.replace(/\bUS\b/g, '')
  return FIRST_PERSON.test(text) || FAMILY.test(text)
}

export interface StatedValue {
  start: number
  end: number
  value: string
  /** First token of the trigger phrase. */
  trigger: number
}

/**
 * Every value stated after a trigger phrase ("passport number: X"), skipping connectors and
 * dropping the ones framed as examples.
 */
export function* statedValues(
  scan: Scan,
  pattern: RegExp,
  read: (scan: Scan, at: number) => { start: number; end: number; value: string } | null,
  connectors: ReadonlySet<string> = CONNECTORS,
): Generator<StatedValue> {
  for (const hit of triggerHits(scan, pattern)) {
    const at = valueStart(scan, hit.next, 5, connectors)
    if (at === null) continue
    const value = read(scan, at)
    if (!value) continue
    const span = toRaw(scan, value.start, value.end)
    if (placeholderFramed(scan, rawAt(scan, scan.tokens[hit.first].start), span.end)) continue
    yield { ...value, trigger: hit.first }
  }
}
