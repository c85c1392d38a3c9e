// Dates of birth: a full date with a year, stated as a birth date ("born on 12 March 1985",
// "DOB 03/12/1985", "my birthday is March 12, 1985"). A birthday without a year, or a birth
// year alone, identifies far less and is left to the classifier.
import { placeholderFramed } from './context'
import { rawAt, toRaw, trigger, triggerHits, type Finding, type Scan } from './scan'

const DOB = trigger(
  "date of birth|birth date|dob|d \\. o \\. b|born(?: on| in)?|birthday|bday|b - day|(?:my|his|her|their) birth(?: 's)?",
)

const MONTH = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const NUMERIC = /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?!\d)|(?<!\d)(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)/
const DAY_MONTH = new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?(?: of)?[ -](${MONTH})\\.?,?[ -](\\d{4})(?!\\d)`, 'i')
const MONTH_DAY = new RegExp(`\\b(${MONTH})\\.?[ -](\\d{1,2})(?:st|nd|rd|th)?,?[ -](\\d{4})(?!\\d)`, 'i')

function plausible(day: number, month: number, year: number): boolean {
  const fullYear = year < 100 ? (year > (new Date().getFullYear() % 100) ? 1900 + year : 2000 + year) : year
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && fullYear >= 1900 && fullYear <= new Date().getFullYear()
}

/** The first full date in a window of text, as [start, end) within it. */
function findDate(window: string): [number, number] | null {
  const n = NUMERIC.exec(window)
  if (n) {
    const ok = n[1]
      ? plausible(Number(n[1]), Number(n[2]), Number(n[3])) || plausible(Number(n[2]), Number(n[1]), Number(n[3]))
      : plausible(Number(n[6]), Number(n[5]), Number(n[4]))
    if (ok) return [n.index, n.index + n[0].length]
  }
  const dm = DAY_MONTH.exec(window)
  if (dm && plausible(Number(dm[1]), MONTHS.indexOf(dm[2].slice(0, 3).toLowerCase()) + 1, Number(dm[3]))) {
    return [dm.index, dm.index + dm[0].length]
  }
  const md = MONTH_DAY.exec(window)
  if (md && plausible(Number(md[2]), MONTHS.indexOf(md[1].slice(0, 3).toLowerCase()) + 1, Number(md[3]))) {
    return [md.index, md.index + md[0].length]
  }
  return null
}

export function findDatesOfBirth(scan: Scan): Finding[] {
  const out: Finding[] = []
  let coveredUntil = -1
  for (const hit of triggerHits(scan, DOB)) {
    const from = scan.tokens[hit.next - 1].end
    if (from < coveredUntil) continue
    // The date sits in the same sentence, a few words on.
    const window = scan.view.text.slice(from, from + 48).split(/[!?\n]|\.\s/)[0]
    const found = findDate(window)
    if (!found) continue
    const start = from + found[0]
    const end = from + found[1]
    if (placeholderFramed(scan, rawAt(scan, scan.tokens[hit.first].start), toRaw(scan, start, end).end)) continue
    coveredUntil = end
    out.push({ kind: 'date_of_birth', start, end, confidence: 0.9, reason: 'a date of birth stated as such' })
  }
  return out
}
