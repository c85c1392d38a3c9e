// Building blocks of every request schema: text that PostgreSQL can store, dates both engines
// can represent, and path segments decoded without throwing.
import { z } from 'zod'

export const NUL_MESSAGE = 'Text may not contain the NUL character (\\u0000).'

const hasNoNul = (value: string) => !value.includes('\u0000')

export const BROKEN_TEXT_MESSAGE = 'Text contains a broken character (half of a UTF-16 surrogate pair).'

// Half of a surrogate pair has no UTF-8 form: PostgreSQL's text would store U+FFFD in its place,
// an encrypted body would keep it, and the same memory would read back differently by tier.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const isWellFormed = (value: string) => !LONE_SURROGATE.test(value)

/** A string PostgreSQL's text type holds as sent: no NUL character, no half surrogate pair. */
export function text(params?: Parameters<typeof z.string>[0]) {
  return z.string(params).refine(hasNoNul, NUL_MESSAGE).refine(isWellFormed, BROKEN_TEXT_MESSAGE)
}

/**
 * Dates are bounded to the years 0001..9999: the four-digit years of ISO 8601, which both engines
 * and JavaScript store and print alike. Year 0000 (1 BC) is refused, also when an offset moves a
 * date-time across the boundary ("0001-01-01T05:00+14:00").
 */
export const MIN_DATE = Date.parse('0001-01-01T00:00:00Z')
export const MAX_DATE = Date.parse('9999-12-31T23:59:59.999Z')
export const DATE_RANGE_MESSAGE = 'Use a date between the years 0001 and 9999.'

const inRange = (value: string) => {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
  return Number.isFinite(time) && time >= MIN_DATE && time <= MAX_DATE
}

const DATE_TIME_MESSAGE = 'Use an ISO 8601 date-time, e.g. 2026-03-01T09:30:00Z.'

/** An ISO 8601 date-time with an offset, within the supported years. */
export function dateTimeInput(message = DATE_TIME_MESSAGE) {
  return z.iso.datetime({ offset: true, error: message }).refine(inRange, DATE_RANGE_MESSAGE)
}

/** A date (2026-03-01) or a date-time, within the supported years. */
export function dateOrDateTimeInput() {
  return z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], { error: 'Use a date (2026-03-01) or an ISO 8601 date-time.' })
    .refine(inRange, DATE_RANGE_MESSAGE)
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Whether a value is a UUID as PostgreSQL's uuid type reads it (36 dashes or zeros-and-dashes in any order are not). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value)
}

/** A UUID path segment (memories, sessions, tokens, users). */
export const uuidParam = z.string().regex(UUID)

