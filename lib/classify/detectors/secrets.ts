// Things a person knows and types: passwords and passphrases stated as such (a master password
// lifts the floor to ultrasecret), login pairs, and answers to security questions. A trigger
// word alone proves nothing ("how do I reset my password?"): these fire only when a value
// follows the trigger and reads as one.
import { clauseAt, isMaskedValue, placeholderFramed, valueStart } from './context'
import { canonicalWord } from './normalize'
import { rawAt, toRaw, trigger, triggerHits, type Finding, type Scan } from './scan'

/** Words that describe a password instead of being one: "my password is too weak". */
const DESCRIPTORS = new Set(
  `the a an my your his her their our its same not too very so still now just being been also already wrong
  incorrect invalid expired expiring weak strong short long required needed missing forgotten forgot lost changed
  reset saved stored correct right secure safe compromised leaked hacked protected encrypted hidden blank empty
  case different easy hard simple complicated complex written somewhere there here below above attached in on at
  for to with it this that what which how why where when who no none nothing updated working broken locked
  visible shown displayed sent emailed texted please asking requested going about like supposed mandatory
  optional needs must should will would can could unknown unchanged old new i you he she we they me him them
  question questions field option thing requirement requirements policy rules something anything case-sensitive
  generated random typed entered accepted rejected ok okay fine good bad terrible stupid great long-ish`
    .split(/\s+/)
    .filter(Boolean),
)

/** Connectors between a password trigger and its value. */
const PASSWORD_LINKS = new Set(['is', 'was', 'are', ':', '=', '-', "'s", 'now', 'still', 'currently', 'set', 'to', 'just', 'actually', 'changed', 'updated', '→', '>'])

const MASTER_CONTEXT =
  /(?:^| )(?:master|root|vault|keychain|encryption|1password|bitwarden|lastpass|keepass|keepassxc|dashlane|password manager|manager|disk|filevault|bitlocker|luks|veracrypt)(?: |$)/

const PASSWORD = trigger(
  "(?:password|passcode|passphrase|pass phrase|(?:wifi|wi - fi|network|wpa|wpa2|router) (?:key|code|pass))(?: (?:for|to|of|on|at|in) (?:[^ ]+ ){0,3}?[^ ]+(?= (?:is|was|are|:|=|-)(?: |$)))?",
)
const PASS_COLON = trigger('(?:pass|pword|user / pass|u / p) (?=[:=])')
const LOGIN = trigger(
  '(?:login|logins|log in|credentials|creds|sign in|username and password|user and password|user name and password)(?: (?:details|info))?(?: (?:for|to|of|on|at) (?:[^ ]+ ){0,3}?[^ ]+)? (?:is|are|:|=)',
)

/** Digits, symbols or an inner capital: how a typed credential differs from a word. */
function credentialLike(value: string): boolean {
  return /\d/.test(value) || /[^\p{L}\p{N}\s]/u.test(value) || /\p{Ll}\p{Lu}/u.test(value)
}

function acceptablePassword(value: string): string | null {
  const words = value.split(/\s+/)
  if (DESCRIPTORS.has(canonicalWord(words[0])) || isMaskedValue(value)) return null
  const first = words[0]
  if (words.length > 4) return credentialLike(first) && first.length >= 4 ? first : null
  if (value.replace(/\s/g, '').length < 3 || /^(.)\1*$/.test(value.replace(/\s/g, ''))) return null
  return value
}

function passwords(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const hit of triggerHits(scan, PASSWORD)) {
    const linked = hit.next < scan.tokens.length && PASSWORD_LINKS.has(scan.tokens[hit.next].canon)
    const at = valueStart(scan, hit.next, 3, PASSWORD_LINKS)
    if (at === null) continue
    const clause = clauseAt(scan, at)
    if (!clause) continue
    let value = acceptablePassword(clause.value)
    // Without "is" or ":" ("wifi password hunter2") the value must look typed, not like a word.
    if (value && !linked && !credentialLike(value.split(/\s+/)[0])) value = null
    if (!value) continue
    const start = clause.start
    const end = clause.start + value.length
    const triggerRaw = rawAt(scan, scan.tokens[hit.first].start)
    if (placeholderFramed(scan, triggerRaw, toRaw(scan, start, end).end)) continue
    const before = scan.canon.slice(Math.max(0, scan.tokens[hit.first].canonStart - 40), scan.tokens[hit.first].canonStart)
    const lead = before.split(' ').slice(-4).join(' ')
    const master = MASTER_CONTEXT.test(lead) || /^master /.test(scan.canon.slice(scan.tokens[hit.first].canonStart))
    out.push({
      kind: 'password',
      start,
      end,
      confidence: 0.9,
      floor: master ? 'ultrasecret' : undefined,
      reason: master ? 'a master password stated as such' : 'a password stated as such',
    })
  }
  for (const hit of triggerHits(scan, PASS_COLON)) {
    const at = valueStart(scan, hit.next, 2, PASSWORD_LINKS)
    const clause = at === null ? null : clauseAt(scan, at)
    const value = clause && acceptablePassword(clause.value)
    if (!clause || !value || !credentialLike(value)) continue
    out.push({ kind: 'password', start: clause.start, end: clause.start + value.length, confidence: 0.85, reason: 'a password stated as such' })
  }
  for (const hit of triggerHits(scan, LOGIN)) {
    const at = valueStart(scan, hit.next, 2, PASSWORD_LINKS)
    const clause = at === null ? null : clauseAt(scan, at, 80)
    // A login pair is "user / secret" or "user : secret", not "my usual email".
    if (!clause || !/\S\s*[/:|]\s*\S/.test(clause.value) || isMaskedValue(clause.value)) continue
    out.push({ kind: 'password', start: clause.start, end: clause.end, confidence: 0.85, reason: 'login credentials stated as such' })
  }
  return out
}

const SECURITY_ANSWER = trigger(
  [
    "(?:mother (?:'s )?)?maiden (?:'s )?name",
    "mother (?:'s )?name before (?:she was married|marriage)",
    "(?:first|1st|childhood) (?:pet|dog|cat|hamster|puppy|kitten|bunny|rabbit)(?: 's)?(?: name)?",
    'name of (?:my|our|the) (?:first|childhood) (?:pet|dog|cat)',
    '(?:security|secret) (?:question|answer)(?: answer)?',
    'answer (?:to|for) (?:my|the) (?:security|secret) question',
    "childhood (?:best )?friend 's name|street i grew up on|city (?:where )?my parents met",
  ].join('|'),
)
/** Everyday facts that are answers only when the message is about a security question. */
const QUESTION_FACT = trigger(
  "pet (?:'s )?name|(?:dog|cat) (?:'s )?name|first (?:car|school|teacher|job|concert)|favou?rite (?:teacher|color|colour|food|book|movie|team|place)|nickname|birthplace|place of birth",
)
const ABOUT_SECURITY_QUESTION = /(?:security|secret|verification|recovery) (?:question|answer)/

const ANSWER_LINKS = new Set(['is', 'was', ':', '=', '-', "'s", 'called', 'named', 'answer', 'my', 'still'])

function securityAnswers(scan: Scan): Finding[] {
  const out: Finding[] = []
  const hits = [...triggerHits(scan, SECURITY_ANSWER)]
  if (ABOUT_SECURITY_QUESTION.test(scan.canon)) hits.push(...triggerHits(scan, QUESTION_FACT))
  for (const hit of hits) {
    const at = valueStart(scan, hit.next, 4, ANSWER_LINKS)
    const clause = at === null ? null : clauseAt(scan, at, 40)
    if (!clause) continue
    // "was a dog named Rex": the answer is the name.
    const named = /^(?:an? |the )?[\p{L}-]+ (?:named|called) /iu.exec(clause.value)
    const start = clause.start + (named ? named[0].length : 0)
    const value = clause.value.slice(named ? named[0].length : 0)
    const words = value.split(/\s+/)
    if (words.length > 4 || DESCRIPTORS.has(canonicalWord(words[0])) || !/^\p{L}/u.test(value) || isMaskedValue(value)) continue
    const triggerRaw = rawAt(scan, scan.tokens[hit.first].start)
    if (placeholderFramed(scan, triggerRaw, toRaw(scan, start, clause.end).end)) continue
    out.push({
      kind: 'security_answer',
      start,
      end: clause.end,
      confidence: 0.88,
      reason: 'an answer to a security question stated as such',
    })
  }
  return out
}

export function findSecrets(scan: Scan): Finding[] {
  return [...passwords(scan), ...securityAnswers(scan)]
}
