// Contact details: personal email addresses (not role or documentation addresses), phone
// numbers (validated by libphonenumber's full metadata, or stated as a phone number), and IP
// addresses (public ones, or private ones the writer calls their own).
import { isIPv6 } from 'node:net'
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max'
import { luhnValid } from './checksums'
import { isDummyDigits, placeholderFramed } from './context'
import { toRaw, type Finding, type Scan } from './scan'

const PLACEHOLDER_DOMAIN =
  /^(?:(?:[\w-]+\.)*example\.[a-z]+|(?:your|some|my|the|any)?domain\.[a-z]+|(?:your|some)(?:company|site|email|mail)\.[a-z]+|test\.com|localhost|[\w.-]+\.(?:test|example|invalid|local|localhost))$/i
/** Role and robot mailboxes: they belong to organisations, not to the writer. */
const ROLE_LOCAL =
  /^(?:no-?reply|do-?not-?reply|mailer-daemon|postmaster|hostmaster|webmaster|abuse|support|info|help|helpdesk|sales|contact|hello|team|billing|service|feedback|press|marketing|newsletter|notifications?|news|privacy|security|jobs|careers|enquiries|inquiries|orders|returns|example|user|username|name|yourname|your\.name|email|someone|somebody|test)$/i

function emails(scan: Scan): Finding[] {
  const out: Finding[] = []
  const raw = scan.raw
  let at = raw.indexOf('@')
  while (at >= 0) {
    // Expand around each "@" by hand: a regex anchored on the local part backtracks on long words.
    let s = at
    while (s > 0 && at - s < 64 && /[A-Za-z0-9._%+-]/.test(raw[s - 1])) s--
    let e = at + 1
    while (e < raw.length && e - at < 255 && /[A-Za-z0-9.-]/.test(raw[e])) e++
    while (e > at + 1 && /[.-]/.test(raw[e - 1])) e--
    while (s < at && raw[s] === '.') s++
    const local = raw.slice(s, at)
    const domain = raw.slice(at + 1, e)
    const wellFormed = local.length > 0 && !local.endsWith('.') && /^(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}$/.test(domain)
    if (wellFormed && !PLACEHOLDER_DOMAIN.test(domain) && !ROLE_LOCAL.test(local) && !placeholderFramed(scan, s, e)) {
      out.push({ kind: 'email', start: s, end: e, raw: true, confidence: 0.95, reason: 'a personal email address' })
    }
    at = raw.indexOf('@', Math.max(e, at + 1))
  }
  // Spelled out to dodge scrapers: "jane dot doe at gmail dot com".
  const spelled =
    /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:\s*(?:\[dot\]|\(dot\)|\sdot\s)\s*[A-Za-z0-9_%+-]+)*\s*(?:\[at\]|\(at\)|\{at\}|\sat\s)\s*[A-Za-z0-9-]+\s*(?:\[dot\]|\(dot\)|\{dot\}|\sdot\s)\s*(?:com|net|org|edu|gov|io|co|me|uk|de|fr|info|us|ca|au)\b/gi
  for (const m of raw.matchAll(spelled)) {
    out.push({ kind: 'email', start: m.index, end: m.index + m[0].length, raw: true, confidence: 0.8, reason: 'an email address spelled out in words' })
  }
  return out
}

/** Words that say a number is a phone number, just before it ("call me at", "Phone:\n"). */
const PHONE_WORDS =
  /(?:\b(?:phone|phones|call|calling|called|text|texting|txt|sms|fax|whatsapp|signal|viber|dial|ring|reach|contact|emergency|landline|mobile|cell|tel|ph|phn|answer|answering|message|messages|voicemail|hotline|number|no)\b|#)(?:[^.!?\n]{0,24}|\s*:\s*)$|\b(?:desk|office|work|home|direct|main)\s*:\s*$/i
const TRUNK_COUNTRIES: CountryCode[] = ['GB', 'DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'AU', 'IN', 'IE', 'CH', 'AT', 'SE', 'NO', 'DK', 'PL', 'PT', 'BR', 'NZ', 'ZA']

/** Numbers that are something else: dates, times, IPs, versions, card numbers, year ranges. */
function notAPhone(candidate: string, digits: string): boolean {
  return (
    /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}$/.test(candidate) ||
    /^\d{1,3}(?:\.\d{1,3}){2,3}$/.test(candidate) ||
    /^(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d$/.test(candidate) ||
    (digits.length >= 13 && luhnValid(digits)) ||
    isDummyDigits(digits)
  )
}

function phones(scan: Scan): Finding[] {
  const out: Finding[] = []
  const text = scan.view.text
  const candidates = /(?<![\w+@/$€£¥%.,-])(?:\+|00)?\(?\d[\d ().\/-]*\d(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w%°]|[.,]\d)/g
  for (const m of text.matchAll(candidates)) {
    for (const part of m[0].split(/ {2,}| \/ /)) {
      const offset = m.index + m[0].indexOf(part)
      const candidate = part.trim()
      const digits = candidate.replace(/x.*$|ext.*$/, '').replace(/\D/g, '')
      if (digits.length < 7 || digits.length > 15 || notAPhone(candidate, digits)) continue
      const span = toRaw(scan, offset, offset + candidate.length)
      const before = scan.raw.slice(Math.max(0, span.start - 40), span.start)
      const stated = PHONE_WORDS.test(before)
      const formatted = /[ ().-]/.test(candidate)
      let confidence = 0
      if (/^(?:\+|00)/.test(candidate)) {
        // "+41 (0)96 …": the bracketed trunk zero is dropped when dialling from abroad.
        const p = parsePhoneNumberFromString(candidate.replace(/^00/, '+').replace(/\(0\)/, ''))
        confidence = p?.isValid() ? 0.95 : p?.isPossible() ? 0.8 : 0
      } else {
        const us = parsePhoneNumberFromString(candidate, 'US')
        if (us?.isValid() && (formatted || stated)) confidence = 0.85
        else if (stated) confidence = 0.75
        else if (/^\(?0/.test(candidate) && formatted && TRUNK_COUNTRIES.some((c) => parsePhoneNumberFromString(candidate, c)?.isValid())) {
          confidence = 0.7
        }
      }
      if (confidence === 0 || placeholderFramed(scan, span.start, span.end)) continue
      out.push({ kind: 'phone', start: offset, end: offset + candidate.length, confidence, reason: 'a phone number' })
    }
  }
  return out
}

const IP_STATED = /\b(?:my|our|home|office|work|router|server|vpn|static|public|local|private)\b[^.!?\n]{0,20}\b(?:ip|ipv4|ipv6)\b/i
const VERSION_BEFORE = /\b(?:v|ver|version|build|release|firmware|update|os|ios|android|chrome|node|python|java|windows)\.?\s*$/i

type IpClass = 'public' | 'private' | 'never'

function ipv4Class(o: number[]): IpClass {
  const [a, b, c] = o
  if (a === 0 || a === 127 || a >= 224) return 'never'
  // Documentation ranges (RFC 5737) are the example addresses of manuals.
  if ((a === 192 && b === 0 && c === 2) || (a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'never'
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) {
    return 'private'
  }
  return 'public'
}

function ipv6Class(ip: string): IpClass {
  const s = ip.toLowerCase()
  if (s === '::' || s === '::1' || s.startsWith('2001:db8') || s.startsWith('ff')) return 'never'
  if (/^f[cd]/.test(s) || /^fe[89ab]/.test(s)) return 'private'
  return 'public'
}

function ipAddresses(scan: Scan): Finding[] {
  const out: Finding[] = []
  const text = scan.view.text
  const push = (start: number, end: number, cls: IpClass) => {
    if (cls === 'never') return
    const span = toRaw(scan, start, end)
    // The compact view, so that a spaced-out "I P" still reads as "IP".
    const before = text.slice(Math.max(0, start - 40), start)
    if (VERSION_BEFORE.test(before) || placeholderFramed(scan, span.start, span.end)) return
    const stated = IP_STATED.test(before) || /\b(?:ip|ipv4|ipv6)\b/i.test(before.slice(-16))
    if (cls === 'private' && !IP_STATED.test(before)) return
    out.push({
      kind: 'ip_address',
      start,
      end,
      confidence: cls === 'private' ? 0.7 : stated ? 0.9 : 0.8,
      reason: cls === 'private' ? "a private IP address stated as the writer's own" : 'a public IP address',
    })
  }
  for (const m of text.matchAll(/(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d]|\.\d)/g)) {
    const octets = m[0].split('.').map(Number)
    if (octets.some((o) => o > 255) || m[0].split('.').some((o) => o.length > 1 && o.startsWith('0'))) continue
    push(m.index, m.index + m[0].length, ipv4Class(octets))
  }
  for (const m of text.matchAll(/(?<![\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![\w:])/g)) {
    if (!isIPv6(m[0]) || (m[0].match(/[0-9a-f]/gi)?.length ?? 0) < 4) continue
    push(m.index, m.index + m[0].length, ipv6Class(m[0]))
  }
  return out
}

export function findContacts(scan: Scan): Finding[] {
  return [...emails(scan), ...phones(scan), ...ipAddresses(scan)]
}
