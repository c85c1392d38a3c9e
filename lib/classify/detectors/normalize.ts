// Normalisation for the detectors. People type fast into a memory vault: digits spaced out
// ("4 1 5 -5 5 5 -0 1 3 2"), letters spaced out ("P I N"), vowels dropped ("psswrd", "nmbr").
// Two layers handle that: a compact view of the text that closes those gaps while keeping a
// map back to the original offsets, and a canonical form of each word so that trigger phrases
// are written once ("password", "account number") and match their common misspellings.

/** A rewritten text and, for each of its characters, the offset it came from in the original. */
export interface View {
  text: string
  /** map[i] = original offset of text[i]; map[text.length] = original length. */
  map: number[]
}

/** Acronyms that a two-piece gap may spell ("S SN", "I P"): joined only when they spell one. */
const ACRONYMS = new Set(['IP', 'ID', 'SSN', 'DOB', 'PIN', 'OTP', 'API', 'CVV', 'CVC', 'SSID', 'PW', 'CC', 'NI', '2FA', 'MFA', 'TIN', 'EIN'])

const SINGLE = /^[\p{L}\p{N}!@#$%&*_+=~^]$/u
const SHORT = /^[A-Za-z\d!@#$%&*_+=~^-]{2,3}$/
const SPACE_GAP = /^[ \t\u00a0]{1,3}$/

function isShortPiece(chunk: string): boolean {
  // The last piece of a run may carry the sentence's punctuation: "… N a, for payment".
  const piece = chunk.length > 1 ? chunk.replace(/[,.;:!?)]$/, '') : chunk
  if (SINGLE.test(piece) || /^-[\p{L}\p{N}]$/u.test(piece)) return true
  // Two or three characters count only when they do not read as a word: a digit or all capitals.
  return SHORT.test(piece) && (/\d/.test(piece) || piece === piece.toUpperCase())
}

/**
 * Closes typing gaps inside numbers ("4 1 5 -5 5 5", "0 1 / 01 -199 0") and inside
 * spaced-out codes and words ("P I N", "C A1 428 67"), so that checksums and formats can be
 * tested on what the person meant. Whitespace with a line break is never closed.
 */
export function compactView(raw: string): View {
  const chunks: Array<{ start: number; end: number; text: string }> = []
  for (const m of raw.matchAll(/\S+/g)) chunks.push({ start: m.index, end: m.index + m[0].length, text: m[0] })
  const close = new Array<boolean>(Math.max(0, chunks.length - 1)).fill(false)
  const gapOk = (i: number) => SPACE_GAP.test(raw.slice(chunks[i].end, chunks[i + 1].start))

  // Numbers: a digit (or a digit and a dash or slash) on both sides of the gap; a dot only on
  // the right ("1 9 2 .1 6 8"), since a dot on the left ends a sentence.
  const lone = (t: string) => t === '-' || t === '/'
  for (let i = 0; i < close.length; i++) {
    if (!gapOk(i)) continue
    const left = chunks[i].text
    const right = chunks[i + 1].text
    const leftOk = /\d[-/]?$/.test(left) || (lone(left) && i > 0 && close[i - 1] && /\d$/.test(chunks[i - 1].text))
    const rightOk =
      /^[-/.]?\d/.test(right) || (lone(right) && i + 2 < chunks.length && gapOk(i + 1) && /^\d/.test(chunks[i + 2].text))
    if (leftOk && rightOk) close[i] = true
  }

  // Spaced-out codes: a run of short pieces with at least two single characters.
  let i = 0
  while (i < chunks.length) {
    let j = i
    while (j + 1 < chunks.length && isShortPiece(chunks[j].text) && isShortPiece(chunks[j + 1].text) && gapOk(j)) j++
    if (j > i) {
      let from = i
      // A leading article is English, not part of a code: "a 5 6" stays apart.
      while (from < j && /^[aAi]$/.test(chunks[from].text)) from++
      const pieces = chunks.slice(from, j + 1).map((c) => c.text)
      const singles = pieces.filter((p) => [...p].length === 1).length
      const joined = pieces.join('')
      const spaced = (pieces.length >= 3 && singles >= 2) || (pieces.length >= 4 && singles >= 1)
      if (spaced || (pieces.length === 2 && ACRONYMS.has(joined.toUpperCase()))) {
        for (let k = from; k < j; k++) close[k] = true
      }
    }
    i = j + 1
  }

  if (!close.includes(true)) return identityView(raw)
  let text = ''
  const map: number[] = []
  let pos = 0
  for (let k = 0; k < close.length; k++) {
    if (!close[k]) continue
    text += raw.slice(pos, chunks[k].end)
    for (let p = pos; p < chunks[k].end; p++) map.push(p)
    pos = chunks[k + 1].start
  }
  text += raw.slice(pos)
  for (let p = pos; p < raw.length; p++) map.push(p)
  map.push(raw.length)
  return { text, map }
}

export function identityView(raw: string): View {
  const map = new Array<number>(raw.length + 1)
  for (let k = 0; k <= raw.length; k++) map[k] = k
  return { text: raw, map }
}

/**
 * Abbreviations and misspellings of trigger words, mapped to the word the detectors' patterns
 * are written with. Only unambiguous forms: "no" stays "no" (it is also a negation), "pass"
 * stays "pass" (boarding pass).
 */
const ALIASES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    passwd: 'password', pwd: 'password', pw: 'password', pswd: 'password', passwrd: 'password',
    pasword: 'password', passowrd: 'password', passwrod: 'password', paswd: 'password', pword: 'password',
    passward: 'password', passwort: 'password', passwords: 'password', pwds: 'password', passw: 'password',
    passcodes: 'passcode', passcde: 'passcode', passphrase: 'passphrase', passphrases: 'passphrase',
    pincode: 'pin code', pins: 'pin',
    acct: 'account', acc: 'account', accnt: 'account', acount: 'account', accout: 'account', accts: 'account',
    accounts: 'account',
    num: 'number', nbr: 'number', numbr: 'number', nr: 'number', numer: 'number', nmber: 'number', numbers: 'number',
    socsec: 'social security', soc: 'social',
    crd: 'card', cards: 'card', crdt: 'credit', cred: 'credit',
    mom: 'mother', mum: 'mother', mommy: 'mother', mama: 'mother', momma: 'mother', mamma: 'mother', moms: 'mother',
    mothers: 'mother', mums: 'mother',
    madien: 'maiden', maidn: 'maiden', madn: 'maiden', maden: 'maiden', mayden: 'maiden',
    nme: 'name', nam: 'name', nm: 'name',
    secuirty: 'security', securty: 'security', secrity: 'security', securiy: 'security',
    cd: 'code', cde: 'code', codes: 'code', kode: 'code',
    licence: 'license', licsens: 'license', lisence: 'license', licens: 'license', lic: 'license', licnse: 'license',
    liscense: 'license', lisc: 'license', licenses: 'license', licences: 'license',
    drivers: 'driver', drv: 'driver', dvr: 'driver',
    pasport: 'passport', passpor: 'passport', passprt: 'passport', pssprt: 'passport', passports: 'passport',
    natl: 'national', nationl: 'national', natnl: 'national',
    routng: 'routing', rout: 'routing',
    bday: 'birthday', brthdy: 'birthday', birthdate: 'birth date', bdate: 'birth date',
    dte: 'date', dat: 'date',
    addr: 'address', adr: 'address', adress: 'address', addres: 'address', addy: 'address',
    ph: 'phone', phn: 'phone', tel: 'phone', telephone: 'phone', mobile: 'phone', mob: 'phone', cell: 'phone',
    cellphone: 'phone', cel: 'phone', phne: 'phone', fone: 'phone',
    eml: 'email', emial: 'email', emal: 'email', mail: 'email', emails: 'email',
    verify: 'verification', verif: 'verification', verfication: 'verification', verificaton: 'verification',
    verfy: 'verification',
    recvery: 'recovery', recov: 'recovery', bkup: 'backup', bckup: 'backup',
    priv: 'private', privat: 'private', secrt: 'secret', ky: 'key', tkn: 'token', tok: 'token', keys: 'key',
    tokens: 'token',
    wify: 'wifi', wlan: 'wifi',
    onetime: 'one time', mfa: '2fa', tfa: '2fa',
    answr: 'answer', ans: 'answer', anwser: 'answer', awnser: 'answer', answers: 'answer',
    qstn: 'question', questions: 'question',
    tx: 'tax', bnk: 'bank', vsa: 'visa', vtr: 'voter', wllt: 'wallet', walet: 'wallet', wallets: 'wallet',
  }),
)

/** Words whose vowel-dropped spelling is recognised ("psswrd", "nmbr", "scrty"). */
const FUZZY_WORDS = [
  'password', 'passport', 'number', 'account', 'security', 'license', 'national', 'routing', 'birthday',
  'birth', 'address', 'verification', 'recovery', 'backup', 'private', 'secret', 'answer', 'question',
  'maiden', 'mother', 'credit', 'card', 'phone', 'email', 'driver', 'passcode', 'social', 'wallet',
  'phrase', 'identification', 'identity', 'insurance', 'passphrase', 'driving',
]

/** Real words that have no vowels and must not be read as abbreviations. */
const VOWELLESS_WORDS = new Set(
  'by my fly shy sky dry try gym spy why cry sly ply wry thy pry hymn lynx myth rhythm sync psych crypt glyph nymph tryst shh hmm brr tsk nth pfft psst mr mrs ms dr st mt pp ft lb lbs kg km cm mm ml hr hrs min sts pls plz thx tv dvd pc'.split(
    ' ',
  ),
)

/** First letter kept, vowels dropped (y counts as a consonant), doubled letters collapsed. */
export function skeleton(word: string): string {
  const w = word.toLowerCase()
  let out = w[0] ?? ''
  for (let k = 1; k < w.length; k++) {
    const c = w[k]
    if ('aeiou'.includes(c)) continue
    if (out[out.length - 1] !== c) out += c
  }
  return out
}

const SKELETONS: ReadonlyMap<string, string> = (() => {
  const seen = new Map<string, string | null>()
  for (const w of FUZZY_WORDS) {
    const key = skeleton(w)
    if (key.length < 3) continue
    // Two words with one skeleton are ambiguous: neither is matched fuzzily.
    seen.set(key, seen.has(key) && seen.get(key) !== w ? null : w)
  }
  const out = new Map<string, string>()
  for (const [k, v] of seen) if (v) out.set(k, v)
  return out
})()

/** The canonical form of one word token: lower case, aliases and vowel-dropped forms resolved. */
export function canonicalWord(token: string): string {
  let lower = token.toLowerCase().replace(/’/g, "'")
  let suffix = ''
  if (/['](s)?$/.test(lower) && lower.length > 2) {
    suffix = " 's"
    lower = lower.replace(/'s?$/, '')
  }
  const alias = ALIASES.get(lower)
  if (alias) return alias + suffix
  if (lower.length >= 3 && /^\p{L}+$/u.test(lower) && !/[aeiou]/.test(lower.slice(1)) && !VOWELLESS_WORDS.has(lower)) {
    const fuzzy = SKELETONS.get(skeleton(lower))
    if (fuzzy) return fuzzy + suffix
  }
  return lower + suffix
}
