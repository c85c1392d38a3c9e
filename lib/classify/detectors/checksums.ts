// Check-digit algorithms that turn "looks like a number" into proof: a random digit string
// passes Luhn one time in ten and mod-97 one time in ninety-seven, so a detector that requires
// the check digit fires on real identifiers and not on order numbers, dates or typos.

/** Luhn (ISO/IEC 7812) over a string of digits: cards, Canadian SINs, IMEIs. */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return sum % 10 === 0
}

/**
 * IBAN length per country (ISO 13616 registry, plus the national IBANs of the Francophone
 * African banks that share the format). A country outside the table is not accepted: the length
 * is half the proof.
 */
const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AO: 25, AT: 20, AZ: 28, BA: 20, BE: 16, BF: 28, BG: 22, BH: 22, BI: 27,
  BJ: 28, BR: 29, BY: 28, CF: 27, CG: 27, CH: 21, CI: 28, CM: 27, CR: 22, CV: 25, CY: 28, CZ: 24,
  DE: 22, DJ: 27, DK: 18, DO: 28, DZ: 26, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27,
  GA: 27, GB: 22, GE: 22, GI: 23, GL: 18, GQ: 27, GR: 27, GT: 28, GW: 25, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IR: 26, IS: 26, IT: 27, JO: 30, KM: 27, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MA: 28, MC: 27, MD: 24, ME: 22, MG: 27, MK: 19, ML: 28,
  MN: 20, MR: 27, MT: 31, MU: 30, MZ: 25, NE: 28, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28,
  PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24,
  SM: 27, SN: 28, SO: 23, ST: 25, SV: 28, TD: 27, TG: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22,
  VG: 24, XK: 20, YE: 30,
}

export function ibanLength(country: string): number | undefined {
  return IBAN_LENGTH[country.toUpperCase()]
}

/** ISO 7064 mod 97-10 over an IBAN without spaces: valid when the remainder is 1. */
export function ibanValid(iban: string): boolean {
  const s = iban.toUpperCase()
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s) || ibanLength(s.slice(0, 2)) !== s.length) return false
  const rearranged = s.slice(4) + s.slice(0, 4)
  let rem = 0
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0)
    // Letters count as two digits (A = 10 … Z = 35), fed in digit by digit.
    const value = code >= 65 ? code - 55 : code - 48
    rem = value >= 10 ? (rem * 100 + value) % 97 : (rem * 10 + value) % 97
  }
  return rem === 1
}

/** ABA routing number: weights 3-7-1 and a Federal Reserve prefix. */
export function abaValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false
  const prefix = Number(digits.slice(0, 2))
  const knownPrefix =
    (prefix >= 0 && prefix <= 12) || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80
  if (!knownPrefix || /^0+$/.test(digits)) return false
  const d = Array.from(digits, (c) => c.charCodeAt(0) - 48)
  const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8])
  return sum % 10 === 0
}

const VERHOEFF_D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]
const VERHOEFF_P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
  [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]

/** Verhoeff check digit (India's Aadhaar): catches every single-digit error and transposition. */
export function verhoeffValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let c = 0
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48
    c = VERHOEFF_D[c][VERHOEFF_P[i % 8][d]]
  }
  return c === 0
}

/** Spain's DNI/NIE: eight digits and a letter that is the number mod 23. */
export function spanishIdValid(id: string): boolean {
  const s = id.toUpperCase().replace(/^X/, '0').replace(/^Y/, '1').replace(/^Z/, '2')
  const m = /^(\d{8})([A-Z])$/.exec(s)
  return m !== null && 'TRWAGMYFPDXBNJZSQVHLCKE'[Number(m[1]) % 23] === m[2]
}

/** Brazil's CPF: two mod-11 check digits over eleven digits. */
export function cpfValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false
  const d = Array.from(digits, (c) => c.charCodeAt(0) - 48)
  for (const len of [9, 10]) {
    let sum = 0
    for (let i = 0; i < len; i++) sum += d[i] * (len + 1 - i)
    const check = ((sum * 10) % 11) % 10
    if (check !== d[len]) return false
  }
  return true
}

/** A BitLocker recovery key: eight blocks of six digits, each a multiple of 11 below 720896. */
export function bitlockerKeyValid(blocks: readonly string[]): boolean {
  return (
    blocks.length === 8 &&
    blocks.every((b) => /^\d{6}$/.test(b) && Number(b) % 11 === 0 && Number(b) < 720896) &&
    !blocks.every((b) => b === '000000')
  )
}

/** Shannon entropy in bits per character: random keys sit near log2 of their alphabet. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0
  const counts = new Map<string, number>()
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  let h = 0
  const n = [...s].length
  for (const c of counts.values()) {
    const p = c / n
    h -= p * Math.log2(p)
  }
  return h
}
