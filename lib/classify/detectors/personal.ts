// Personal data stated about oneself: "my full name is Ana Ruiz", "my citizenship
// is Portuguese", "my gamer tag is fox_77", "my flight number is TP1234", "my device serial is
// SN-4471". The categories are those of privacy law (GDPR personal data): identity, family,
// accounts, devices, location and biometrics. It needs an owner ("my", "our", "I'm") before the
// attribute, or a value stated right after it ("flight number is TP1234"), and it skips
// questions, so "how do I change my username?" finds nothing. Only data that identifies sets a
// floor (issue 23): a first name alone ("my name is Kevin"), a relative's or a pet's name
// ("hiking with my sister Anna", "my dog's name is Max") or a school in passing ("finished
// school at 4", "Rice University is…") does not; a full name or a surname does, and a
// relative's date of birth or address does through those detectors (dates.ts, address.ts).
// Typed in a hurry ("spse",
// "ctznshp", "U A 1 2 3") is matched by consonants and by joining spaced-out characters.
import type { Finding, Scan } from './scan'
import { isDummyDigits } from './context'

interface Attribute {
  words: string[]
  /** What the value must look like: a name, anything stated, or a code with a digit. */
  value: 'name' | 'any' | 'code' | 'none'
  reason: string
  /**
   * Stated without an owner ("Rice University is…", "finished school at 4"), the attribute only
   * counts as a form field: first in its sentence ("The degree is…", "Employer: TechCorp").
   */
  ownerlessOnlyFirst?: boolean
}

const ATTRIBUTES: Attribute[] = [
  { words: ['full name', 'name', 'legal name', 'maiden name', 'surname', 'last name', 'first name'], value: 'name', reason: 'a personal name stated', ownerlessOnlyFirst: true },
  { words: ['place of birth', 'birthplace', 'birth place', 'hometown', 'citizenship', 'nationality', 'ethnicity', 'religion', 'gender', 'sexual orientation', 'marital status', 'blood type', 'age'], value: 'any', reason: 'a personal attribute stated' },
  { words: ['username', 'user name', 'handle', 'gamertag', 'gamer tag', 'screen name', 'login', 'profile', 'member id', 'membership number', 'member number', 'loyalty number', 'customer number', 'customer id', 'account id', 'employee id', 'student id', 'order number', 'transaction id', 'booking reference', 'booking number', 'reservation number', 'confirmation number', 'ticket number', 'policy number', 'claim number'], value: 'code', reason: 'an identifier of a personal account' },
  { words: ['employer', 'job title', 'workplace', 'school', 'university', 'degree', 'education', 'education history', 'employment history', 'work history'], value: 'any', reason: 'where the person works or studies', ownerlessOnlyFirst: true },
  { words: ['firmware key', 'product key', 'license key', 'licence key', 'activation key', 'unlock key', 'access key', 'device key'], value: 'code', reason: 'a product or device key' },
  { words: ['serial number', 'serial', 'imei', 'mac address', 'device id', 'ssid', 'wifi name', 'network name', 'license plate', 'plate number', 'vin'], value: 'code', reason: 'an identifier of a personal device' },
  { words: ['flight number', 'flight', 'hotel room', 'room number', 'gps', 'coordinates', 'location', 'home location'], value: 'code', reason: 'where the person is or will be' },
  { words: ['itinerary', 'travel itinerary'], value: 'any', reason: 'where the person is or will be' },
  { words: ['fingerprint', 'face id', 'faceprint', 'voiceprint', 'iris scan', 'biometric', 'biometrics', 'heart rate', 'sleep pattern', 'sleep data', 'blood pressure', 'weight', 'mood log', 'mood tracking', 'dna'], value: 'none', reason: 'biometric or body data' },
]

/** "my sister's name is Anna", "my dog's name is Max": not the writer's name. */
const NOT_MINE = new Set(['spouse', 'husband', 'wife', 'partner', 'son', 'daughter', 'child', 'kid', 'kids', 'fiance', 'fiancee', 'mother', 'mom', 'mum', 'father', 'dad', 'brother', 'sister', 'grandma', 'grandpa', 'aunt', 'uncle', 'cousin', 'baby', 'boyfriend', 'girlfriend', 'friend', 'dog', 'cat', 'puppy', 'kitten', 'pet', 'horse', 'rabbit', 'bunny', 'hamster', 'parrot', 'bird', 'fish', 'his', 'her', 'their', 'its', 'your'])
/** A surname or a maiden name alone can identify; a first name alone ("my name is Kevin") does not. */
const ONE_WORD_NAMES = new Set(['maiden name', 'surname', 'last name'])
const FORM_START = new Set(['the', 'a', 'an'])
const FORM_STATE = new Set(['is', 'are', 'was', 'were', ':', '=', '-'])
const OWNERS = new Set(['my', 'our', 'mine', "i'm", 'im', 'me', "my's"])
const STATE = new Set(['is', 'are', 'was', 'were', 'shows', 'show', 'includes', 'include', 'reads', 'says', ':', '=', '-', 'called', 'named', 'at', 'to', 'in', 'from', 'of'])
const QUESTION_START = /^\s*(?:how|what|which|where|when|why|who|can|could|do|does|did|is|are|should|would|will|may)\b/i

function skeleton(word: string): string {
  return word.length <= 2 ? word : word[0] + word.slice(1).replace(/[aeiouy]/g, '')
}

interface Word {
  text: string
  lower: string
  /** Whether the word ended with a comma or a full stop, which ends a name. */
  stop: boolean
  start: number
  end: number
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_.@/-]*|[:=]/gu

const PHRASES = ATTRIBUTES.flatMap((attribute) =>
  attribute.words.map((phrase) => {
    const parts = phrase.split(' ')
    return { attribute, parts, skeletons: parts.map(skeleton) }
  }),
)

/** Each word as phrases are matched against it: without "'s", and its skeleton (typos). */
interface Forms {
  bare: string[]
  skeletons: string[]
}

function formsOf(words: Word[]): Forms {
  const bare = words.map((w) => w.lower.replace(/['’]s$/, ''))
  return { bare, skeletons: bare.map(skeleton) }
}

function matchesAt(forms: Forms, i: number, parts: string[], skeletons: string[]): boolean {
  if (i + parts.length > forms.bare.length) return false
  return parts.every((part, k) => {
    const w = forms.bare[i + k]
    return w === part || w === `${part}s` || (part.length >= 5 && forms.skeletons[i + k] === skeletons[k])
  })
}

/** An identifier-like value: a digit in it, "fox_77", "GamerXYZ"; not a dummy such as 0000 or 0.0000. */
function isCode(text: string): boolean {
  const digits = text.replace(/\D/g, '')
  if (digits && isDummyDigits(digits) && !/\p{L}{2,}/u.test(text)) return false
  if (/\d/.test(text) && /[\p{L}\p{N}]{3,}/u.test(text)) return true
  if (/^[\p{L}\p{N}]+[_.@-][\p{L}\p{N}_.@-]+$/u.test(text) && /\p{L}/u.test(text)) return true
  return /\p{Ll}\p{Lu}|\p{Lu}{3,}/u.test(text) && text.length >= 4
}

const CAPITALISED = (w: Word | undefined) => !!w && /^\p{Lu}/u.test(w.text) && w.lower !== 'i'

/**
 * The value stated after an attribute. A name comes first ("my name is Ana Ruiz"), not later in
 * the clause, and is a full name (a second capitalised word or an initial follows it), unless
 * `oneWord` allows a surname alone.
 */
function valueAfter(words: Word[], from: number, kind: Attribute['value'], oneWord = false): Word | null {
  let i = from
  while (i < words.length && i < from + 3 && STATE.has(words[i].lower)) i++
  for (let j = i; j < Math.min(words.length, i + 4); j++) {
    const w = words[j]
    if (kind === 'name') {
      if (j !== i || !CAPITALISED(w)) return null
      if (oneWord) return w
      // The comma stays on the raw token: "Emilia, nice to meet you" is one name.
      const joined = !w.stop && CAPITALISED(words[j + 1])
      return joined ? words[j + 1] : null
    }
    if (kind === 'code' && isCode(w.text)) return w
    if (kind === 'any' && j === i && i > from && !/^(?:a|an|the|not|this|that|it|there)$/.test(w.lower)) return w
  }
  return null
}

/** "U A 1 2 3" → one word "UA123", keeping the offsets of the run. */
function joinSpacedOut(words: Word[]): Word[] {
  const out: Word[] = []
  for (let i = 0; i < words.length; i++) {
    let j = i
    while (j < words.length && words[j].text.length === 1 && /[\p{L}\p{N}]/u.test(words[j].text)) j++
    if (j - i >= 3) {
      const text = words.slice(i, j).map((w) => w.text).join('')
      out.push({ text, lower: text.toLowerCase(), stop: words[j - 1].stop, start: words[i].start, end: words[j - 1].end })
      i = j - 1
    } else out.push(words[i])
  }
  return out
}

/** Latitude and longitude with decimals ("40.7128 N, 74.0060 W", "-33.8688, 151.2093"). */
const COORDINATES = /(?<![\d.])-?\d{1,2}\.\d{3,}\s*°?\s*[NS]?\s*,?\s+-?\d{1,3}\.\d{3,}\s*°?\s*[EW]?(?![\d.])/g

function findCoordinates(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const m of scan.raw.matchAll(COORDINATES)) {
    if (/^[-\s.,°NSEW0]*$/.test(m[0])) continue // 0.0000 N, 0.0000 E: a placeholder
    const start = m.index ?? 0
    out.push({ kind: 'personal_data', start, end: start + m[0].length, confidence: 0.75, reason: 'GPS coordinates', raw: true })
  }
  return out
}

/** A home folder or a profile URL names its owner: /Users/dana/…, C:\\Users\\dana\\…, site.com/user/dana. */
const OWNED_PATH = /(?:\/(?:users|home)\/|[a-z]:\\users\\)[\p{L}\p{N}._-]{2,}|\b[\w-]+(?:\.[\w-]+)+\/(?:user|users|u|profile|people|in|@)\/?[\p{L}\p{N}._-]{2,}/giu

function findOwnedPaths(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const m of scan.raw.matchAll(OWNED_PATH)) {
    if (/\/(?:users|home)\/(?:shared|public|default|username|user|your|example|xxx)\b/i.test(m[0])) continue
    const start = m.index ?? 0
    out.push({ kind: 'personal_data', start, end: start + m[0].length, confidence: 0.65, reason: 'a home folder or profile address with a user name', raw: true })
  }
  return out
}

export function findPersonalData(scan: Scan): Finding[] {
  const out: Finding[] = [...findCoordinates(scan), ...findOwnedPaths(scan)]
  for (const sentence of scan.sentences) {
    const text = scan.raw.slice(sentence.start, sentence.end)
    if (text.trim().endsWith('?') || QUESTION_START.test(text)) continue
    const words = joinSpacedOut(
      [...text.matchAll(WORD)].map((m) => {
        const start = sentence.start + (m.index ?? 0)
        return { text: m[0].replace(/[.,]+$/, ''), lower: m[0].toLowerCase().replace(/[.,]+$/, ''), stop: /[.,]$/.test(m[0]), start, end: start + m[0].length }
      }),
    )
    // Computed once per word, not once per word and phrase.
    const forms = formsOf(words)
    for (let i = 0; i < words.length; i++) {
      const owner = words.slice(Math.max(0, i - 3), i).some((w) => OWNERS.has(w.lower))
      for (const { attribute, parts, skeletons } of PHRASES) {
        if (!matchesAt(forms, i, parts, skeletons)) continue
        if (attribute.value === 'name' && forms.bare.slice(Math.max(0, i - 2), i).some((w) => NOT_MINE.has(w))) continue
        const after = i + parts.length
        // Without an owner, only a value stated right after the attribute counts, as in a form
        // ("flight number is TP1234", "Employer: TechCorp"), not "the birthplace of Harry Potter".
        if (!owner && (attribute.value === 'none' || !FORM_STATE.has(words[after]?.lower ?? ''))) continue
        if (!owner && attribute.ownerlessOnlyFirst && !(i === 0 || (i === 1 && FORM_START.has(words[0].lower)))) continue
        const oneWord = ONE_WORD_NAMES.has(parts.join(' '))
        const value = attribute.value === 'none' ? words[after - 1] : valueAfter(words, after, attribute.value, oneWord)
        if (!value) continue
        out.push({
          kind: 'personal_data',
          start: words[i].start,
          end: value.end,
          confidence: owner ? (attribute.value === 'none' ? 0.7 : 0.8) : 0.65,
          reason: attribute.reason,
          raw: true,
        })
        break
      }
    }
  }
  return out
}
