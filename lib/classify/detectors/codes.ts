// Short codes that unlock things: PINs and door/lock codes, card security codes, one-time and
// 2FA codes stated as such, and recovery/backup codes (ultrasecret: they bypass every other
// factor). BitLocker keys carry their own check (every block a multiple of 11).
import { bitlockerKeyValid } from './checksums'
import { digitsAt, idAt, isDummyDigits, statedValues } from './context'
import { trigger, triggerHits, type Finding, type Scan } from './scan'

const PIN = trigger(
  [
    'pin(?: (?:code|number|#|no))?',
    '(?:door|gate|alarm|garage|lock|locker|safe|keypad|building|entry|entrance|padlock|bike lock|sim|atm|voicemail|unlock|access|key box|lockbox)(?: (?:code|pin|combination|combo|passcode|number))',
    'lock combination|combination(?: lock)?|passcode',
  ].join('|'),
)
const CVV = trigger(
  'cvv2?|cvc2?|csc|card verification(?: value| code)?|card security code|security code on (?:the )?(?:back|card)|(?:three|3) - digit code',
)
const OTP = trigger(
  [
    'otp(?: code)?',
    'one time (?:code|password|passcode|pin|pass)',
    '2fa(?: code)?|two factor(?: code)?|2 - factor(?: code)?|two - factor(?: code)?|2 - step(?: code)?|two - step(?: code)?',
    '(?:verification|authentication|auth|authenticator|login|log in|sign in|sign - in|security|sms|text|access) code',
  ].join('|'),
)
/** "code is 482913" counts as a one-time code unless a word before it names another kind of code. */
const BARE_CODE = trigger('code(?= is | : | = )')
const NOT_OTP =
  /(?:zip|postal|post|area|country|promo|discount|coupon|product|error|status|source|dress|tax|sort|swift|bic|iata|bar|qr|voucher|referral|gift|door|gate|alarm|garage|building|entry|color|colour|html|css|morse|dial|dialing|branch|bank|ifsc|routing|item|sku|model|part|reference|ref|booking|tracking|order|ticket|class|course|subject|employee|member|customer|cheat|dress|postcode|pin|access|lock|secret|source|qr) $/
const SMS_CODE = trigger('(?:g - )?\\d{4,8} is (?:your|the|my) (?:[^ ]+ ){0,3}?(?:code|otp|passcode|pin)')

function codeValue(scan: Scan, at: number): { start: number; end: number; value: string } | null {
  const digits = digitsAt(scan, at)
  if (digits) return digits
  const id = idAt(scan, at)
  // Alphanumeric one-time codes ("G-482913", "AB12CD") are short and hold digits.
  return id && id.value.length <= 10 && /\d/.test(id.value) && /[A-Za-z]/.test(id.value) ? id : null
}

function pins(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const v of statedValues(scan, PIN, digitsAt)) {
    if (v.value.length < 3 || v.value.length > 8 || isDummyDigits(v.value)) continue
    out.push({ kind: 'pin', start: v.start, end: v.end, confidence: 0.9, reason: 'a PIN or lock code stated as such' })
  }
  for (const v of statedValues(scan, CVV, digitsAt)) {
    if (v.value.length < 3 || v.value.length > 4 || isDummyDigits(v.value)) continue
    out.push({ kind: 'pin', start: v.start, end: v.end, confidence: 0.9, reason: 'a card security code stated as such' })
  }
  return out
}

function otpCodes(scan: Scan): Finding[] {
  const out: Finding[] = []
  const accept = (v: { value: string }) => {
    const digits = v.value.replace(/\D/g, '')
    return digits.length >= 4 && digits.length <= 8 && !isDummyDigits(digits)
  }
  for (const v of statedValues(scan, OTP, codeValue)) {
    if (!accept(v)) continue
    out.push({ kind: 'otp_code', start: v.start, end: v.end, confidence: 0.92, reason: 'a one-time or verification code stated as such' })
  }
  for (const v of statedValues(scan, BARE_CODE, codeValue)) {
    const lead = scan.canon.slice(Math.max(0, scan.tokens[v.trigger].canonStart - 20), scan.tokens[v.trigger].canonStart)
    if (!accept(v) || NOT_OTP.test(lead)) continue
    out.push({ kind: 'otp_code', start: v.start, end: v.end, confidence: 0.7, reason: 'a code stated with its value' })
  }
  for (const hit of triggerHits(scan, SMS_CODE)) {
    let first = hit.first
    while (first < hit.next && !/^\d+$/.test(scan.tokens[first].canon)) first++
    const token = scan.tokens[first]
    if (!token || isDummyDigits(token.canon)) continue
    out.push({ kind: 'otp_code', start: scan.tokens[hit.first].start, end: token.end, confidence: 0.9, reason: 'a one-time code in the form a service texts it' })
  }
  return out
}

const RECOVERY = trigger(
  [
    '(?:recovery|backup|back up|emergency|scratch|2fa backup|2fa recovery|one time backup|account recovery|bitlocker recovery|filevault recovery) (?:code|key|kit)',
    '(?:1password|bitwarden) (?:secret|emergency) (?:key|kit)',
    'secret key|master key|recovery key',
  ].join('|'),
)
const CODE_PIECE = /[\s,;]*(?:(?:\d{1,2}[.)]|and|\n|•|-)\s+)?([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)/y

/** A code looks generated: it mixes digits in and is not a word. */
function codeLike(piece: string): boolean {
  const bare = piece.replace(/-/g, '')
  return bare.length >= 6 && bare.length <= 64 && /\d/.test(bare) && (/[A-Za-z]/.test(bare) || bare.length >= 8) && !isDummyDigits(bare)
}

/** Reads the list of codes after a trigger: "8f3k-29dk, 1m4p-77xq …". */
function codeList(scan: Scan, at: number): { start: number; end: number; value: string; count: number } | null {
  const text = scan.view.text
  let pos = at
  let start = -1
  let end = -1
  let count = 0
  while (count < 32) {
    CODE_PIECE.lastIndex = pos
    const m = CODE_PIECE.exec(text)
    if (!m || !codeLike(m[1])) break
    if (start < 0) start = pos + m[0].length - m[1].length
    end = pos + m[0].length
    pos = end
    count++
  }
  return count > 0 ? { start, end, value: text.slice(start, end), count } : null
}

/** The shape of a code: its lengths and dashes, so "8f3k-29dk" and "1m4p-77xq" share one. */
function shape(piece: string): string {
  return piece.replace(/[A-Za-z0-9]/g, 'x')
}

function recoveryCodes(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const v of statedValues(scan, RECOVERY, codeList)) {
    out.push({ kind: 'recovery_code', start: v.start, end: v.end, confidence: 0.92, reason: 'recovery or backup codes stated as such' })
  }
  // Unlabelled lists: three or more generated codes of one shape, as services print them.
  const text = scan.view.text
  for (const m of text.matchAll(/(?<![\w-])[A-Za-z0-9]{4,6}-[A-Za-z0-9]{4,6}(?![\w-])/g)) {
    if (out.some((f) => m.index >= f.start && m.index < f.end)) continue
    const list = codeList(scan, m.index)
    if (!list || list.count < 3) continue
    const pieces = list.value.split(/[^A-Za-z0-9-]+/).filter((p) => p.length > 0 && codeLike(p))
    if (new Set(pieces.map(shape)).size !== 1) continue
    out.push({ kind: 'recovery_code', start: list.start, end: list.end, confidence: 0.75, reason: 'a list of generated one-time codes' })
  }
  for (const m of text.matchAll(/(?<![\d-])\d{6}(?:-\d{6}){7}(?![\d-])/g)) {
    if (!bitlockerKeyValid(m[0].split('-'))) continue
    out.push({ kind: 'recovery_code', start: m.index, end: m.index + m[0].length, confidence: 0.97, reason: 'a BitLocker recovery key with valid block checks' })
  }
  return out
}

export function findCodes(scan: Scan): Finding[] {
  return [...pins(scan), ...otpCodes(scan), ...recoveryCodes(scan)]
}
