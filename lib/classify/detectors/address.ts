// Street addresses: a house number, a capitalised street name and a street-type word
// ("742 Evergreen Terrace"), with apartment, city, state and ZIP when they follow; the
// continental order ("Passauer Straße 33", "29 Rue de Tanger"); PO boxes; and any address the
// writer states as theirs ("my address is …", "I live at …").
import { clauseAt, placeholderFramed } from './context'
import { toRaw, trigger, triggerHits, type Finding, type Scan } from './scan'

const SUFFIX =
  'Street|St|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace|Ter|Terr|Way|Parkway|Pkwy|Circle|Cir|Highway|Hwy|Square|Sq|Trail|Trl|Crescent|Cres|Close|Grove|Gardens|Gdns|Mews|Alley|Aly|Plaza|Plz|Pike|Row|Loop|Ridge|Heights|Hts|Crossing|Xing|Cove|Commons|Expressway|Expy|Freeway|Fwy|Turnpike|Tpke|Causeway|Esplanade|Quay|Wharf|Embankment|Hollow|Glen|Landing|Estates|Manor|Park|Walk|Hill|Green|View'
const street = (suffixes: string) =>
  new RegExp(`(?<![\\p{L}\\d-])(\\d{1,6}[A-Za-z]?(?:-\\d{1,4})?)[ ,]+((?:[\\p{L}\\d'.-]+ ){1,4}?)(${suffixes})\\b\\.?`, 'gu')
/** "742 Evergreen Terrace": a capitalised street type. */
const US_STREET = street(SUFFIX)
/** "12 oak street": lower case counts only where the sentence talks about an address. */
const US_STREET_LOWER = street(SUFFIX.toLowerCase())
const MORE_SUFFIX = new RegExp(` (?:${SUFFIX})\\b\\.?`, 'y')
const UNIT = /,?\s+(?:Apt|Apartment|Suite|Ste|Unit|Flat|Fl|Floor|Room|Rm|#)\.?\s*#?[A-Za-z0-9-]{1,6}/y
const CITY_STATE_ZIP =
  /(?:,?\s+[\p{Lu}][\p{L}.'-]+(?:\s[\p{Lu}][\p{L}.'-]+){0,2})?,?\s+(?:[A-Z]{2}\s*\d{5}(?:-\d{4})?|[A-Z]{2}(?![\p{L}])|\d{5}(?:-\d{4})?(?!\d))/uy
const NAME_STOPWORDS = new Set(['in', 'on', 'at', 'the', 'and', 'or', 'to', 'from', 'with', 'of', 'a', 'an', 'for', 'by', 'my', 'your', 'our', 'is', 'are', 'was', 'i', 'we', 'it'])
const PLACEHOLDER_STREET = /^(?:fake|example|test|sample|nowhere|anywhere|any|demo|dummy)$/i
const ADDRESS_CONTEXT = /\b(?:address|live|lives|living|moved|move|ship|shipping|deliver|delivery|mail|send|located|home|house|apartment|flat)\b/i

function capitalised(word: string): boolean {
  return /^[\p{Lu}\d]/u.test(word) || /^(?:\d+(?:st|nd|rd|th))$/i.test(word)
}

function usStreets(scan: Scan, text: string, raw: boolean): Finding[] {
  const out: Finding[] = []
  for (const [re, lower] of [[US_STREET, false], [US_STREET_LOWER, true]] as const) {
    for (const m of text.matchAll(re)) {
      const words = m[2].trim().split(/\s+/)
      if (words.some((w) => NAME_STOPWORDS.has(w.toLowerCase()) || PLACEHOLDER_STREET.test(w)) || /^0+[A-Za-z]?$/.test(m[1])) continue
      if (out.some((f) => m.index < f.end && f.start < m.index + m[0].length)) continue
      const around = text.slice(Math.max(0, m.index - 60), m.index + m[0].length + 20)
      const shaped = !lower && capitalised(words[0])
      if (!shaped && !ADDRESS_CONTEXT.test(around)) continue
      let end = m.index + m[0].length
      // "Maple Grove Ave": a street-type word can be part of the name; the last one ends it.
      MORE_SUFFIX.lastIndex = end
      for (let more = MORE_SUFFIX.exec(text); more; more = MORE_SUFFIX.exec(text)) end = MORE_SUFFIX.lastIndex
      UNIT.lastIndex = end
      const unit = UNIT.exec(text)
      if (unit) end += unit[0].length
      CITY_STATE_ZIP.lastIndex = end
      const tail = CITY_STATE_ZIP.exec(text)
      if (tail) end += tail[0].length
      const span = raw ? { start: m.index, end } : toRaw(scan, m.index, end)
      if (placeholderFramed(scan, span.start, span.end)) continue
      out.push({
        kind: 'street_address',
        start: m.index,
        end,
        raw,
        confidence: tail ? 0.9 : shaped ? 0.85 : 0.75,
        reason: 'a street address (house number, street name and type)',
      })
    }
  }
  return out
}

const CONTINENTAL_SUFFIX =
  '(?:straße|strasse|str\\.|weg|gasse|platz|allee|ring|damm|laan|straat|gracht|plein|vej|gade|gatan|vägen|katu|tie|kuja|utca|ulica)'
const CONTINENTAL_PREFIX =
  '(?:Rue|Avenue|Boulevard|Chemin|Impasse|Allée|Via|Viale|Corso|Piazza|Calle|Avenida|Carrer|Paseo|Plaza|Rua|Travessa|Praça|Largo|Ulica)(?:\\s+(?:de|del|della|di|da|do|dos|das|des|du|la|le|les|l\'|d\'|[\\p{Lu}][\\p{L}\'-]*)){1,4}'
const NAME_THEN_NUMBER = new RegExp(
  `(?<![\\p{L}])(?:[\\p{Lu}][\\p{L}'-]*\\s)?[\\p{Lu}][\\p{L}'-]*${CONTINENTAL_SUFFIX}\\s+\\d{1,5}[a-zA-Z]?(?![\\p{L}\\d])|(?<![\\p{L}])${CONTINENTAL_PREFIX}\\s+\\d{1,5}[a-zA-Z]?(?![\\p{L}\\d])`,
  'gu',
)
const NUMBER_THEN_NAME = new RegExp(`(?<![\\p{L}\\d])\\d{1,5}[a-zA-Z]?,?\\s+${CONTINENTAL_PREFIX}`, 'gu')
const PO_BOX = /\b(?:P\.?\s?O\.?\s?Box|Post Office Box|PSC\s\d{1,5},?\s*Box)\s*\d{1,6}\b/gi

function otherForms(scan: Scan): Finding[] {
  const out: Finding[] = []
  const text = scan.view.text
  for (const re of [NAME_THEN_NUMBER, NUMBER_THEN_NAME]) {
    for (const m of text.matchAll(re)) {
      out.push({ kind: 'street_address', start: m.index, end: m.index + m[0].length, confidence: 0.75, reason: 'a street address (street name and house number)' })
    }
  }
  for (const m of text.matchAll(PO_BOX)) {
    out.push({ kind: 'street_address', start: m.index, end: m.index + m[0].length, confidence: 0.8, reason: 'a post office box' })
  }
  return out
}

const STATED = trigger(
  "(?:home|billing|shipping|mailing|delivery|postal|street|my|our|new|current|his|her|their) address|address :|(?:i|we|they|he|she) (?:now )?(?:live|lives|living) (?:at|in|on)|live at|lives at|located at|(?:ship|send|deliver|mail|post) (?:it |this |them |the \\w+ )?to",
)
/** A house number and a name, either way round: "12 Oak Lane", "Hauptstraße 5". */
const ADDRESS_SHAPE = /^\d{1,6}[A-Za-z]?,?\s+\p{L}{2,}|\p{L}{3,}\.?\s+\d{1,5}[A-Za-z]?(?!\d)/u

function statedAddresses(scan: Scan): Finding[] {
  const out: Finding[] = []
  for (const hit of triggerHits(scan, STATED)) {
    let i = hit.next
    while (i < scan.tokens.length && ['is', ':', '-', 'was', 'now', "'s"].includes(scan.tokens[i].canon)) i++
    if (i >= scan.tokens.length) continue
    const clause = clauseAt(scan, scan.tokens[i].start, 120)
    // An address has a number and a name; "my address is the same" has neither.
    if (!clause || !ADDRESS_SHAPE.test(clause.value)) continue
    const span = toRaw(scan, clause.start, clause.end)
    if (placeholderFramed(scan, span.start, span.end)) continue
    out.push({ kind: 'street_address', start: clause.start, end: clause.end, confidence: 0.8, reason: 'an address stated as such' })
  }
  return out
}

export function findAddresses(scan: Scan): Finding[] {
  // Both texts: the original keeps "17031 2202 Main St" apart, the compact view joins "7 4 2".
  const views = scan.view.text === scan.raw ? [usStreets(scan, scan.raw, true)] : [usStreets(scan, scan.raw, true), usStreets(scan, scan.view.text, false)]
  return [...views.flat(), ...otherForms(scan), ...statedAddresses(scan)]
}
