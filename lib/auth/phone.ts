// Phone numbers in E.164, the form mnemo stores and names its Markdown files by.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max'

/** "+1 415 555 2671" → "+14155552671"; null when it is not a valid international number. */
export function normalizePhone(input: string): string | null {
  const trimmed = input.trim()
  if (!trimmed.startsWith('+') && !trimmed.startsWith('00')) return null
  const parsed = parsePhoneNumberFromString(trimmed.replace(/^00/, '+'))
  return parsed?.isValid() ? parsed.number : null
}
