// Government identity numbers: US SSNs and ITINs (by their issuing rules), UK National
// Insurance numbers (by their letter rules), national ids, passports, driving licences and tax
// ids stated as such (with a check digit where the country has one).
import { cpfValid, luhnValid, spanishIdValid, verhoeffValid } from './checksums'
import { digitsAt, idAt, isDummyDigits, placeholderFramed, statedValues } from './context'
import { toRaw, trigger, type Finding, type Scan } from './scan'

/** Numbers published in advertising and textbooks, never anyone's own. */
const PUBLISHED_SSNS = new Set(['078051120', '219099999', '457555462', '123456789'])

/** SSA issuing rules: no area 000, 666 or 900–999, no group 00, no serial 0000. */
export function ssnValid(d: string): boolean {
  if (!/^\d{9}$/.test(d) || PUBLISHED_SSNS.has(d) || isDummyDigits(d)) return false
  const area = Number(d.slice(0, 3))
  return area !== 0 && area !== 666 && area < 900 && d.slice(3, 5) !== '00' && d.slice(5) !== '0000'
}

/** ITINs start with 9 and use groups 50–65, 70–88, 90–92 or 94–99. */
function itinValid(d: string): boolean {
  if (!/^9\d{8}$/.test(d)) return false
  const g = Number(d.slice(3, 5))
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94
}

const SSN_TRIGGER = trigger("ssn|social security(?: (?:number|#|no|card))?|social sec|ss (?:#|number|no)|social 's")
const DASHED_SSN = /(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])/g

function ssns(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const v of statedValues(scan, SSN_TRIGGER, digitsAt)) {
    if (ssnValid(v.value)) {
      out.push({ kind: 'national_id', start: v.start, end: v.end, confidence: 0.97, reason: 'a US social security number stated as such' })
    } else if (itinValid(v.value)) {
      out.push({ kind: 'tax_id', start: v.start, end: v.end, confidence: 0.9, reason: 'a US taxpayer number (ITIN) stated as a social security number' })
    }
  }
  for (const m of scan.view.text.matchAll(DASHED_SSN)) {
    const d = m[0].replace(/-/g, '')
    const end = m.index + m[0].length
    const span = toRaw(scan, m.index, end)
    if (placeholderFramed(scan, span.start, span.end)) continue
    if (ssnValid(d)) {
      out.push({ kind: 'national_id', start: m.index, end, confidence: 0.85, reason: 'a number in the US social security format within its issuing ranges' })
    } else if (itinValid(d)) {
      out.push({ kind: 'tax_id', start: m.index, end, confidence: 0.85, reason: 'a number in the US ITIN format within its issuing ranges' })
    }
  }
  return out
}

const NINO = /(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![A-Za-z0-9])/g
const NINO_TRIGGER = /\b(?:national insurance|ni (?:number|no|#)|nino)\b/

function ukNationalInsurance(scan: Scan): Finding[] {
  const out: Finding[] = []
  const stated = NINO_TRIGGER.test(scan.canon)
  for (const m of scan.view.text.matchAll(NINO)) {
    if (['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'].includes(m[1]) || isDummyDigits(m[2] + m[3] + m[4])) continue
    const end = m.index + m[0].length
    out.push({
      kind: 'national_id',
      start: m.index,
      end,
      confidence: stated ? 0.95 : 0.8,
      reason: 'a UK National Insurance number in its official format',
    })
  }
  return out
}

const NATIONAL_ID = trigger(
  [
    'national (?:id|identity|identification|insurance|registration)(?: card)?(?: (?:number|#|no))?',
    '(?:government|govt|citizen|citizenship|resident|residence|identity|civil) (?:id|card|number|#|no)(?: (?:number|#|no))?',
    'identity (?:card )?number',
    'personal (?:id|identification|identity) (?:number|code)',
    'aadhaa?r(?: (?:card|number|no|#))?',
    'social insurance number',
    '(?:dni|nie|cpf|bsn|pesel|nric|hkid|curp|personnummer|cedula|c[eé]dula)(?: (?:number|#|no))?',
    'voter (?:id|card|registration)(?: (?:number|#|no|card))?',
    'my id(?: (?:number|#|no|card))?',
  ].join('|'),
)

/** A country's check digit turns a stated id into a proven one. */
function nationalIdProof(value: string): string | null {
  const compact = value.replace(/[-./ ]/g, '')
  if (/^[2-9]\d{11}$/.test(compact) && verhoeffValid(compact)) return 'an Aadhaar number with a valid Verhoeff check digit'
  if (/^[0-9XYZ]\d{7}[A-Z]$/i.test(compact) && spanishIdValid(compact)) return 'a Spanish DNI/NIE with a valid check letter'
  if (/^\d{11}$/.test(compact) && cpfValid(compact)) return 'a Brazilian CPF with valid check digits'
  if (/^[1-7]\d{8}$/.test(compact) && luhnValid(compact)) return 'a Canadian SIN with a valid check digit'
  return null
}

function digitCount(s: string): number {
  return s.replace(/\D/g, '').length
}

function isDummyId(value: string): boolean {
  const digits = value.replace(/\D/g, '')
  return isDummyDigits(digits) || /^([A-Za-z])\1+/.test(value.replace(/\d/g, '')) && digits.length === 0
}

function nationalIds(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const v of statedValues(scan, NATIONAL_ID, idAt)) {
    if (digitCount(v.value) < 5 || isDummyId(v.value)) continue
    const proof = nationalIdProof(v.value)
    const generic = scan.tokens[v.trigger].canon === 'my'
    if (generic && !proof && digitCount(v.value) < 6) continue
    out.push({
      kind: 'national_id',
      start: v.start,
      end: v.end,
      confidence: proof ? 0.97 : generic ? 0.75 : 0.88,
      reason: proof ?? 'a national identity number stated as such',
    })
  }
  for (const m of scan.view.text.matchAll(/(?<![\d.])\d{3}\.\d{3}\.\d{3}-\d{2}(?![\d-])/g)) {
    if (!cpfValid(m[0].replace(/\D/g, ''))) continue
    out.push({ kind: 'national_id', start: m.index, end: m.index + m[0].length, confidence: 0.9, reason: 'a Brazilian CPF with valid check digits' })
  }
  return out
}

const PASSPORT = trigger('passport(?: (?:number|#|no|nr|id|num))?|visa (?:number|#|no|nr|grant number|control number)')

function passports(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const v of statedValues(scan, PASSPORT, idAt)) {
    const compact = v.value.replace(/[-./]/g, '')
    if (compact.length < 6 || compact.length > 9 || digitCount(compact) < 1 || isDummyId(compact)) continue
    const visa = scan.tokens[v.trigger].canon === 'visa'
    out.push({
      kind: 'passport',
      start: v.start,
      end: v.end,
      confidence: visa ? 0.85 : 0.9,
      reason: visa ? 'a visa (travel document) number stated as such' : 'a passport number stated as such',
    })
  }
  return out
}

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR'.split(' '),
)
const DRIVERS_LICENSE = trigger(
  "(?:driver(?: 's)?|driving|drivers) (?:license|permit)(?: (?:number|#|no|nr|id))?|dl (?:number|#|no)|dl :",
)

/** A licence number, with the state code people put in front ("NY B186472"). */
function licenseAt(scan: Scan, at: number): { start: number; end: number; value: string } | null {
  const state = /([A-Z]{2}) /y
  state.lastIndex = at
  const prefix = state.exec(scan.view.text)
  if (prefix && US_STATES.has(prefix[1])) {
    const next = idAt(scan, at + 3)
    if (next && digitCount(next.value) >= 4) return { start: at, end: next.end, value: next.value }
  }
  return idAt(scan, at)
}

function driversLicenses(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const v of statedValues(scan, DRIVERS_LICENSE, licenseAt)) {
    const compact = v.value.replace(/[-./]/g, '')
    if (compact.length < 5 || compact.length > 20 || digitCount(compact) < 4 || isDummyId(compact)) continue
    out.push({ kind: 'drivers_license', start: v.start, end: v.end, confidence: 0.9, reason: "a driver's licence number stated as such" })
  }
  return out
}

const TAX_ID = trigger(
  [
    '(?:tax|taxpayer)(?: (?:id|identification|reference|file|registration))?(?: (?:number|#|no|code))?',
    'employer identification number',
    'ein|fein|itin|tin|utr|tfn|nif|steuernummer|steuer id|codice fiscale',
    'vat (?:number|id|no|#|registration)',
    'pan (?:number|card|no)',
  ].join('|'),
)

function taxIds(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const v of statedValues(scan, TAX_ID, idAt)) {
    const digits = v.value.replace(/\D/g, '')
    if (digits.length < 6 || digits.length > 15 || isDummyId(v.value)) continue
    // A bare "tax 2023" or an amount is not an id: it needs a shape (dash, letters) or 8+ digits.
    if (digits.length < 8 && !/[-A-Za-z]/.test(v.value)) continue
    out.push({ kind: 'tax_id', start: v.start, end: v.end, confidence: 0.9, reason: 'a tax identification number stated as such' })
  }
  return out
}

export function findIdentity(scan: Scan): Finding[] {
  return [...ssns(scan), ...ukNationalInsurance(scan), ...nationalIds(scan), ...passports(scan), ...driversLicenses(scan), ...taxIds(scan)]
}
