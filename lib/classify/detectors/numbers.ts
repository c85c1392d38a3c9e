// Payment and bank numbers: card numbers (Luhn + issuer prefix), IBANs (mod-97 + country
// length) and bank account / routing numbers stated as such (ABA checksum for routing numbers).
import { abaValid, ibanLength, ibanValid, luhnValid } from './checksums'
import { digitsAt, isDummyDigits, placeholderFramed, valueStart } from './context'
import { rawAt, toRaw, trigger, triggerHits, type Finding, type Scan } from './scan'

interface DigitRun {
  /** The digits alone. */
  digits: string
  /** Original offset of each digit. */
  at: number[]
  /** Digit index where each typed group starts ("4111 1111" → [0, 4]). */
  groups: number[]
}

/** Digit groups separated by spaces or dashes, read from the original text. */
function digitRuns(raw: string): DigitRun[] {
  const runs: DigitRun[] = []
  for (const m of raw.matchAll(/(?<![\p{L}\p{N}_.,/])\d+(?:[ \t\u00a0-]{1,3}\d+)*/gu)) {
    const after = raw[m.index + m[0].length] ?? ''
    if (/[\p{L}_]/u.test(after)) continue
    const run: DigitRun = { digits: '', at: [], groups: [] }
    let inGroup = false
    for (let k = 0; k < m[0].length; k++) {
      const ch = m[0][k]
      if (ch >= '0' && ch <= '9') {
        if (!inGroup) run.groups.push(run.digits.length)
        inGroup = true
        run.digits += ch
        run.at.push(m.index + k)
      } else inGroup = false
    }
    runs.push(run)
  }
  return runs
}

/** Issuer identification numbers that exist, with the lengths their networks issue. */
function iinPlausible(d: string): boolean {
  const n = d.length
  const p2 = Number(d.slice(0, 2))
  const p4 = Number(d.slice(0, 4))
  switch (d[0]) {
    case '4':
      return n === 13 || n === 16 || n === 19
    case '5':
      return p2 >= 51 && p2 <= 55 ? n === 16 : p2 === 50 || p2 >= 56
    case '2':
      return (p4 >= 2221 && p4 <= 2720 && n === 16) || (p4 >= 2200 && p4 <= 2204) || (p4 === 2131 && n === 15)
    case '3':
      if (p2 === 34 || p2 === 37) return n === 15
      if (p4 >= 3528 && p4 <= 3589) return n >= 16
      return n >= 14 && (p2 === 36 || p2 === 38 || p2 === 39 || (p4 >= 3000 && p4 <= 3059) || p4 === 3095)
    case '6':
      return true
    case '1':
      return p4 === 1800 && n === 15
    case '8':
      return (p2 === 81 || p2 === 82) && n === 16
    case '9':
      return p4 === 9792 && n === 16
    default:
      return false
  }
}

/**
 * A card number: Luhn-valid with a known issuer prefix, or, when the text calls it a card, any
 * Luhn-valid 12–19 digits (private-label and regional cards fall outside the public IIN table).
 */
function isCard(d: string, statedAsCard: boolean): boolean {
  if (!luhnValid(d) || isDummyDigits(d)) return false
  if (statedAsCard) return d.length >= 12 && d.length <= 19
  return d.length >= 13 && d.length <= 19 && iinPlausible(d)
}

/** A payment card named before the number; a SIM, gift or ID card is not one. */
const CARD_WORDS =
  /(?:\b(?<!(?:sim|gift|library|loyalty|membership|id|identity|business|sd|memory|graphics|report|green|rewards|key|health|insurance|medicare|student|voter)[ -]?)card|\b(?:cc|credit|debit|visa|mastercard|amex|discover|maestro|jcb|unionpay))\b[^.!?\n]{0,30}$/i

/** Windows of a run that could be one card: the whole run, or groups typed as a card is. */
function cardWindows(run: DigitRun): Array<[number, number]> {
  const n = run.digits.length
  if (n >= 12 && n <= 19) return [[0, n]]
  if (n < 12) return []
  const out: Array<[number, number]> = []
  const bounds = [...run.groups, n]
  const len = (g: number) => bounds[g + 1] - bounds[g]
  if (run.groups.length > 1 && run.groups.every((_, g) => len(g) === 1)) {
    // Spaced-out digits run on into what follows (an expiry date): try the longest prefix.
    for (let end = 19; end >= 13; end--) out.push([0, end])
    return out
  }
  for (let s = 0; s < run.groups.length; s++) {
    for (let e = s + 1; e < bounds.length; e++) {
      const size = bounds[e] - bounds[s]
      if (size > 19) break
      const shaped = Array.from({ length: e - s }, (_, k) => len(s + k))
      const standard =
        shaped.length === 1 || shaped.every((l) => l === 4) || shaped.join() === '4,6,5' || shaped.join() === '4,6,4'
      if (size >= 13 && standard) out.push([bounds[s], bounds[e]])
    }
  }
  return out
}

function cardNumbers(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const run of digitRuns(scan.raw)) {
    let usedUntil = 0
    for (const [s, e] of cardWindows(run)) {
      if (s < usedUntil) continue
      const start = run.at[s]
      const end = run.at[e - 1] + 1
      const stated = CARD_WORDS.test(scan.raw.slice(Math.max(0, start - 40), start))
      if (!isCard(run.digits.slice(s, e), stated)) continue
      // IMEIs carry a Luhn digit too; the word in front tells them apart.
      if (/\bimei\b[^.!?\n]{0,16}$/i.test(scan.raw.slice(Math.max(0, start - 30), start))) continue
      if (placeholderFramed(scan, start, end)) continue
      const spaced = run.groups.length >= 10
      out.push({
        kind: 'card_number',
        start,
        end,
        raw: true,
        confidence: spaced ? 0.95 : 0.99,
        reason: stated ? 'card number with a valid Luhn check digit' : 'card number with a valid Luhn check digit and a known issuer prefix',
      })
      usedUntil = e
    }
  }
  return out
}

function ibans(scan: Scan): Finding[] {
  const out: Finding[] = []
  const text = scan.view.text
  // Upper case as printed, or all lower case as some people type it; mixed case is prose.
  for (const m of text.matchAll(/(?<![A-Za-z0-9])(?:[A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,34}|[a-z]{2}\d{2}(?: ?[a-z0-9]){10,34})/g)) {
    const length = ibanLength(m[0].slice(0, 2))
    if (!length) continue
    let compact = ''
    let end = m.index
    for (let k = 0; k < m[0].length && compact.length < length; k++) {
      if (m[0][k] !== ' ') compact += m[0][k]
      end = m.index + k + 1
    }
    if (compact.length !== length || /[A-Za-z0-9]/.test(text[end] ?? '') || !ibanValid(compact)) continue
    const span = toRaw(scan, m.index, end)
    if (placeholderFramed(scan, span.start, span.end)) continue
    out.push({ kind: 'iban', start: m.index, end, confidence: 0.99, reason: 'IBAN with a valid mod-97 checksum' })
  }
  return out
}

const ACCOUNT = trigger(
  "(?:(bank|checking|savings|current|chequing|deposit|bsb) )?account(?: ('s|number|#|no|nr))?|(?:bank|checking|savings) (?:number|#|no)",
)
const ROUTING = trigger('routing(?: (?:number|#|no|nr|code))?|aba(?: (?:number|routing))?|transit number')
const SORT_CODE = trigger('sort code')

function bankAccounts(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const hit of triggerHits(scan, ACCOUNT)) {
    const at = valueStart(scan, hit.next)
    const value = at === null ? null : digitsAt(scan, at)
    if (!value || value.value.length < 6 || value.value.length > 20 || isDummyDigits(value.value)) continue
    const span = toRaw(scan, value.start, value.end)
    if (placeholderFramed(scan, rawAt(scan, scan.tokens[hit.first].start), span.end)) continue
    const words = scan.canon.slice(scan.tokens[hit.first].canonStart, scan.tokens[hit.next - 1].canonStart + 20)
    const banking = /^(?:bank|checking|savings|current|chequing|deposit|bsb)|account (?:number|#|no|nr)/.test(words)
    out.push({
      kind: 'bank_account',
      start: value.start,
      end: value.end,
      confidence: banking ? 0.9 : 0.8,
      reason: 'an account number stated as such',
    })
  }
  for (const hit of triggerHits(scan, ROUTING)) {
    const at = valueStart(scan, hit.next)
    const value = at === null ? null : digitsAt(scan, at)
    if (!value || !abaValid(value.value)) continue
    out.push({
      kind: 'bank_account',
      start: value.start,
      end: value.end,
      confidence: 0.95,
      reason: 'a routing number with a valid ABA checksum',
    })
  }
  for (const hit of triggerHits(scan, SORT_CODE)) {
    const at = valueStart(scan, hit.next)
    const code = at === null ? null : digitsAt(scan, at)
    if (!code || code.value.length !== 6 || isDummyDigits(code.value)) continue
    const rest = /^[\s,;:/&+-]*(?:(?:and|account|acct|acc|number|no|#|nr|is|:)[\s.:#-]*)*(\d{8})(?!\d)/i.exec(
      scan.view.text.slice(code.end, code.end + 40),
    )
    if (!rest) continue
    const end = code.end + rest[0].length
    out.push({
      kind: 'bank_account',
      start: code.start,
      end,
      confidence: 0.9,
      reason: 'a sort code with an account number',
    })
  }
  return out
}

export function findNumbers(scan: Scan): Finding[] {
  return [...cardNumbers(scan), ...ibans(scan), ...bankAccounts(scan)]
}
