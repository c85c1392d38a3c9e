// Machine credentials: API keys and access tokens by the formats their issuers publish (AWS,
// GitHub, Slack, Stripe, OpenAI, Google, JWTs, …) and by entropy when stated near "key" or
// "token"; private keys (PEM/OpenSSH blocks, WIF and extended keys with Base58Check, age keys,
// hex keys stated as private). Documentation placeholders ("AKIAIOSFODNN7EXAMPLE",
// "sk_test_xxxxxxxx", "your-api-key-here") are recognised and dropped.
import type { DetectorKind } from '@/lib/classify/types'
import type { Tier } from '@/lib/tiers'
import { shannonEntropy } from './checksums'
import { isMaskedValue, statedValues } from './context'
import { base58CheckDecode, bech32Decode, jwtHeaderValid } from './encodings'
import { trigger, type Finding, type Scan } from './scan'

interface KeyFormat {
  pattern: RegExp
  kind: DetectorKind
  confidence: number
  reason: string
  /** Length of the fixed prefix, left out of the placeholder and entropy checks. */
  prefix: number
  floor?: Tier
  check?: (match: string) => boolean
}

const B = '(?<![A-Za-z0-9_-])'
const E = '(?![A-Za-z0-9_-])'
const fmt = (
  source: string,
  kind: DetectorKind,
  reason: string,
  prefix: number,
  confidence = 0.95,
  extra: Partial<KeyFormat> = {},
): KeyFormat => ({ pattern: new RegExp(B + source + E, 'g'), kind, reason, prefix, confidence, ...extra })

const FORMATS: KeyFormat[] = [
  fmt('(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|AROA|APKA|ASCA)[A-Z2-7]{16}', 'api_key', 'an AWS access key id', 4),
  fmt('gh[pousr]_[A-Za-z0-9]{36}', 'access_token', 'a GitHub token', 4, 0.97),
  fmt('github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}', 'access_token', 'a GitHub fine-grained token', 11, 0.97),
  fmt('glpat-[A-Za-z0-9_-]{20}', 'access_token', 'a GitLab token', 6),
  fmt('xox[abposr]-[A-Za-z0-9-]{10,}', 'access_token', 'a Slack token', 5),
  fmt('(?:sk|rk)_live_[A-Za-z0-9]{16,}', 'api_key', 'a live Stripe secret key', 8, 0.97),
  fmt('(?:sk|rk)_test_[A-Za-z0-9]{16,}', 'api_key', 'a Stripe test-mode secret key', 8, 0.8),
  fmt('pk_live_[A-Za-z0-9]{16,}', 'api_key', 'a Stripe publishable key (not secret by itself)', 8, 0.6, { floor: 'confidential' }),
  fmt('whsec_[A-Za-z0-9]{24,}', 'api_key', 'a webhook signing secret', 6),
  fmt('sk-ant-(?:api|admin)\\d{2}-[A-Za-z0-9_-]{80,}', 'api_key', 'an Anthropic API key', 14, 0.97),
  fmt('sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}', 'api_key', 'an OpenAI-style secret key', 3, 0.9),
  fmt('AIza[0-9A-Za-z_-]{35}', 'api_key', 'a Google API key', 4),
  fmt('ya29\\.[0-9A-Za-z_-]{20,}', 'access_token', 'a Google OAuth access token', 5, 0.9),
  fmt('GOCSPX-[A-Za-z0-9_-]{28}', 'api_key', 'a Google OAuth client secret', 7),
  fmt('SK[0-9a-f]{32}', 'api_key', 'a Twilio API key', 2, 0.85),
  fmt('SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', 'api_key', 'a SendGrid API key', 3, 0.97),
  fmt('npm_[A-Za-z0-9]{36}', 'access_token', 'an npm access token', 4),
  fmt('pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}', 'access_token', 'a PyPI upload token', 19, 0.97),
  fmt('hf_[A-Za-z]{34}', 'access_token', 'a Hugging Face token', 3, 0.9),
  fmt('shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}', 'access_token', 'a Shopify access token', 6),
  fmt('do[por]_v1_[a-f0-9]{64}', 'access_token', 'a DigitalOcean token', 7, 0.97),
  fmt('\\d{8,10}:AA[A-Za-z0-9_-]{33}', 'access_token', 'a Telegram bot token', 0),
  fmt('key-[0-9a-f]{32}', 'api_key', 'a Mailgun API key', 4, 0.85),
  fmt('[0-9a-f]{32}-us\\d{1,2}', 'api_key', 'a Mailchimp API key', 0, 0.9),
  fmt('AccountKey=[A-Za-z0-9+/]{86}==', 'api_key', 'an Azure storage account key', 11),
  fmt('eyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*', 'access_token', 'a signed JSON Web Token', 0, 0.95, {
    check: (m) => jwtHeaderValid(m.split('.')[0]),
  }),
  fmt('https?://[^\\s:/@]{1,64}:[^\\s:/@]{3,64}@[^\\s/]+', 'password', 'credentials embedded in a URL', 0, 0.85, {
    check: (m) => !/:\/\/[^:]+:(?:password|pass|secret|\*+|x+)@/i.test(m),
  }),
]

/** Documentation and tutorial placeholders, never a live credential. */
const PLACEHOLDER_KEY =
  /example|sample|dummy|fake|placeholder|redacted|your|here|insert|replace|changeme|xxxx|0{6}|1234567|abcdef|(?<![a-z])test(?![a-z])/i

/** A key body that is placeholder text, repeated characters or too regular to be random. */
export function isPlaceholderKey(body: string): boolean {
  if (PLACEHOLDER_KEY.test(body) || /(.)\1{4}/.test(body) || isMaskedValue(body)) return true
  return body.length >= 12 && shannonEntropy(body) < 3
}

function knownFormats(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const f of FORMATS) {
    for (const m of scan.raw.matchAll(f.pattern)) {
      if (f.check && !f.check(m[0])) continue
      const body = f.kind === 'password' ? '' : m[0].slice(f.prefix)
      if (body && isPlaceholderKey(body)) continue
      out.push({ kind: f.kind, start: m.index, end: m.index + m[0].length, raw: true, confidence: f.confidence, reason: f.reason, floor: f.floor })
    }
  }
  return out
}

const KEY_TRIGGER = trigger(
  "(?:api|access|secret|private|auth|client|app|application|session|refresh|service|developer|dev|webhook|signing|encryption|bearer|oauth|aws|github|stripe|openai|slack) (?:key|token|secret)(?: (?:id|string|value))?|api(?: key)?|apikey|api_key|token|bearer|client secret|secret",
)
const LICENSE_TRIGGER = trigger(
  '(?:license|product|serial|activation|registration|software|windows|office) (?:key|code)|(?:license|licence) (?:number|#)',
)

function keyAt(scan: Scan, at: number): { start: number; end: number; value: string } | null {
  const re = /[A-Za-z0-9][A-Za-z0-9_\-.+/=~]{7,}/y
  re.lastIndex = at
  const m = re.exec(scan.view.text)
  if (!m) return null
  const value = m[0].replace(/[.]+$/, '')
  return { start: at, end: at + value.length, value }
}

/** Letters with digits, or all three character classes: how generated keys look. */
function mixed(value: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((r) => r.test(value)).length
  return (classes >= 2 && /\d/.test(value)) || classes === 3
}

function statedKeys(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const v of statedValues(scan, KEY_TRIGGER, keyAt)) {
    if (!mixed(v.value) || isPlaceholderKey(v.value)) continue
    const long = v.value.length >= 20 && shannonEntropy(v.value) >= 3.5
    const tokenWords = /token|bearer|session|refresh/.test(scan.tokens[v.trigger].canon + ' ' + (scan.tokens[v.trigger + 1]?.canon ?? ''))
    out.push({
      kind: tokenWords ? 'access_token' : 'api_key',
      start: v.start,
      end: v.end,
      confidence: long ? 0.88 : 0.72,
      reason: long ? 'a high-entropy key stated as such' : 'a key stated as such',
    })
  }
  for (const v of statedValues(scan, LICENSE_TRIGGER, keyAt)) {
    if (!mixed(v.value) && !/-/.test(v.value)) continue
    if (isPlaceholderKey(v.value) || /^[A-Za-z]+-?0+(?:-0+)*$/.test(v.value)) continue
    out.push({ kind: 'api_key', start: v.start, end: v.end, confidence: 0.7, floor: 'confidential', reason: 'a software licence key stated as such' })
  }
  return out
}

/** High-entropy strings in a sentence that talks about keys or tokens, not right after the word. */
function nearbyTokens(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const m of scan.raw.matchAll(/(?<![A-Za-z0-9_\-./=?&#%])[A-Za-z0-9_\-+/]{20,}={0,2}(?![A-Za-z0-9_\-/])/g)) {
    const value = m[0]
    if (!mixed(value) || shannonEntropy(value) < 3.5 || isPlaceholderKey(value) || /^[a-z]+(?:[-_][a-z]+)*$/i.test(value)) continue
    const before = scan.raw.slice(Math.max(0, m.index - 60), m.index)
    const word = /\b(key|token|secret|bearer|apikey|api_key|credential|auth)s?\b/i.exec(before)
    if (!word) continue
    out.push({
      kind: /token|bearer/i.test(word[1]) ? 'access_token' : 'api_key',
      start: m.index,
      end: m.index + value.length,
      raw: true,
      confidence: 0.8,
      reason: 'a high-entropy token near the word key or token',
    })
  }
  return out
}

const PRIVATE_HEX = trigger('(?:private|secret|signing|wallet|eth|ethereum) key|privkey|private_key')
const PRIVATE_LINKS: ReadonlySet<string> = new Set(['is', 'was', ':', '=', '-', "'s", 'the', 'my'])

function privateKeys(scan: Scan): Finding[] {
  const out: Finding[] = []
  const raw = scan.raw
  for (const m of raw.matchAll(/-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----/g)) {
    const endMarker = raw.indexOf('-----END', m.index + m[0].length)
    const close = endMarker < 0 ? -1 : raw.indexOf('-----', endMarker + 8)
    const end = close < 0 ? raw.length : close + 5
    const body = raw.slice(m.index + m[0].length, endMarker < 0 ? end : endMarker).replace(/[^A-Za-z0-9+/=]/g, '')
    out.push({
      kind: 'private_key',
      start: m.index,
      end,
      raw: true,
      confidence: body.length >= 40 ? 0.99 : 0.85,
      reason: `a PEM ${m[1] ? m[1].trim() + ' ' : ''}private key block`,
    })
  }
  for (const m of raw.matchAll(/PuTTY-User-Key-File-\d+:[^\n]*(?:\n(?!\n)[^\n]*)*/g)) {
    if (!/Private-Lines:/.test(m[0])) continue
    out.push({ kind: 'private_key', start: m.index, end: m.index + m[0].length, raw: true, confidence: 0.97, reason: 'a PuTTY private key file' })
  }
  for (const m of raw.matchAll(/(?<![A-Za-z0-9])[5KLc9][1-9A-HJ-NP-Za-km-z]{50,51}(?![A-Za-z0-9])/g)) {
    const payload = base58CheckDecode(m[0])
    const wif = payload && (payload[0] === 0x80 || payload[0] === 0xef) && (payload.length === 33 || (payload.length === 34 && payload[33] === 1))
    if (!wif) continue
    out.push({ kind: 'private_key', start: m.index, end: m.index + m[0].length, raw: true, confidence: 0.99, reason: 'a WIF private key with a valid Base58Check checksum' })
  }
  for (const m of raw.matchAll(/(?<![A-Za-z0-9])[xyztuvYZUV]prv[1-9A-HJ-NP-Za-km-z]{100,112}(?![A-Za-z0-9])/g)) {
    if (base58CheckDecode(m[0])?.length !== 78) continue
    out.push({ kind: 'private_key', start: m.index, end: m.index + m[0].length, raw: true, confidence: 0.99, reason: 'an extended private key with a valid Base58Check checksum' })
  }
  for (const m of raw.matchAll(/(?<![A-Za-z0-9])(?:AGE-SECRET-KEY-1[02-9ac-hj-np-zAC-HJ-NP-Z]{58}|nsec1[02-9ac-hj-np-z]{58})(?![A-Za-z0-9])/g)) {
    if (!bech32Decode(m[0])) continue
    out.push({ kind: 'private_key', start: m.index, end: m.index + m[0].length, raw: true, confidence: 0.99, reason: 'a Bech32 secret key with a valid checksum' })
  }
  const hexAt = (s: Scan, at: number) => {
    const re = /(?:0x)?[0-9a-fA-F]{64}(?![0-9a-zA-Z])/y
    re.lastIndex = at
    const m = re.exec(s.view.text)
    return m ? { start: at, end: at + m[0].length, value: m[0] } : null
  }
  for (const v of statedValues(scan, PRIVATE_HEX, hexAt, PRIVATE_LINKS)) {
    if (isPlaceholderKey(v.value.replace(/^0x/, ''))) continue
    out.push({ kind: 'private_key', start: v.start, end: v.end, confidence: 0.95, reason: 'a 256-bit hex key stated as private' })
  }
  return out
}

export function findKeys(scan: Scan): Finding[] {
  return [...knownFormats(scan), ...statedKeys(scan), ...nearbyTokens(scan), ...privateKeys(scan)]
}
