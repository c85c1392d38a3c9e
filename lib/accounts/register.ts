// Sign-up: a validated phone (E.164), optional unique email (mailed a confirmation link), a
// strong password hashed with argon2id. The first account of an instance becomes its admin, as do
// the numbers listed in MNEMO_ADMIN_PHONES. Every field's problem is named at once. The per-IP
// limit counts what creates accounts, plus probing for taken phone numbers and emails (abuse); a
// mistyped form costs nothing, and a refusal says until when.
import { getDb } from '@/db'
import { countUsers, getUserByEmail, getUserByPhone, insertUser, lockRegistrations } from '@/db/queries/users'
import type { User } from '@/db/schema'
import { recordAccess } from '@/lib/audit'
import { hashPassword, passwordProblem } from '@/lib/auth/password'
import { normalizePhone } from '@/lib/auth/phone'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { dateTime } from '@/lib/dates'
import type { FieldErrors } from '@/lib/errors'
import { fieldErrorsOf } from '@/lib/http/route'
import { assertNotLimited, countAttempt } from '@/lib/rate-limit'
import { sendEmailConfirmation } from './contact'
import { DEFAULT_PREFERENCES } from './preferences'
import { registerSchema } from './schema'

/** Checks every field and throws one error naming all the problems found. */
async function validRegistration(raw: unknown, confirm: string | undefined) {
  const parsed = registerSchema.safeParse(raw)
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error)
  const fields = (typeof raw === 'object' && raw ? raw : {}) as Record<string, unknown>
  const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '')
  const phone = text(fields.phone) ? normalizePhone(text(fields.phone)) : null
  if (text(fields.phone) && !phone && !errors.phone) errors.phone = ['Enter the number in international form, e.g. +1 415 555 2671.']
  const password = typeof fields.password === 'string' ? fields.password : ''
  if (password && !errors.password) {
    const problem = await passwordProblem(password, [phone ?? '', text(fields.email).toLowerCase(), text(fields.name)])
    if (problem) errors.password = [problem]
  }
  if (confirm !== undefined && confirm !== password) errors.confirm = ['Does not match the password.']
  const named = Object.keys(errors)
  if (!parsed.success || !phone || named.length > 0) {
    const message = named.length === 1 && errors[named[0]]?.[0] ? errors[named[0]]![0] : 'Some fields need another look.'
    throw new AppError('bad_request:register', { message, fieldErrors: errors })
  }
  return { input: parsed.data, phone }
}

/** The refusal when this network created its share of accounts: until when, in the person's zone. */
function limitedUntil(error: unknown, timeZone: string): unknown {
  if (!(error instanceof AppError) || error.kind !== 'rate_limited' || !error.retryAfter) return error
  const until = new Date(Date.now() + error.retryAfter * 1000).toISOString()
  let when: string
  try {
    when = dateTime(until, timeZone)
  } catch {
    when = `${dateTime(until, 'UTC')} UTC`
  }
  return new AppError(error.code, { message: `Too many accounts were created from this network. Try again after ${when}.`, retryAfter: error.retryAfter })
}

/** `confirm`: the repeated password of a form (the API has none). */
export async function registerUser(raw: unknown, info: RequestInfo, { confirm }: { confirm?: string } = {}): Promise<User> {
  const zone = typeof (raw as { timezone?: unknown })?.timezone === 'string' ? String((raw as { timezone: string }).timezone) : 'UTC'
  try {
    await assertNotLimited('register-ip', info.ip)
  } catch (error) {
    throw limitedUntil(error, zone)
  }
  const { input, phone } = await validRegistration(raw, confirm)
  const email = input.email ? input.email.toLowerCase() : null
  const passwordHash = await hashPassword(input.password)

  const db = await getDb()
  let user: User
  try {
    user = await db.transaction(async (tx) => {
      // One registration at a time decides who is first (and so admin).
      await lockRegistrations(tx)
      if (await getUserByPhone(tx, { phone })) throw conflict('phone')
      if (email && (await getUserByEmail(tx, { email }))) throw conflict('email')
      const first = (await countUsers(tx)) === 0 || adminPhones().has(phone)
      return insertUser(tx, {
        phone,
        email,
        name: input.name || null,
        passwordHash,
        timezone: input.timezone ?? 'UTC',
        role: first ? 'admin' : 'user',
        preferences: DEFAULT_PREFERENCES,
      })
    })
  } catch (error) {
    const constraint = uniqueViolation(error)
    const taken = error instanceof AppError && error.kind === 'conflict' ? error : constraint ? conflict(constraint.includes('email') ? 'email' : 'phone') : null
    if (!taken) throw error
    // Trying numbers and addresses that are taken is how accounts are enumerated: it counts.
    await countAttempt('register-ip', info.ip)
    throw taken
  }
  await countAttempt('register-ip', info.ip)
  await recordAccess({ userId: user.id, action: 'register', success: true, ...info, details: { role: user.role } })
  if (email) await sendEmailConfirmation({ user, email, info })
  return user
}

/** MNEMO_ADMIN_PHONES: numbers (comma-separated, any common form) that are admins from sign-up on. */
function adminPhones(): Set<string> {
  const listed = (process.env.MNEMO_ADMIN_PHONES ?? '').split(',').map((p) => normalizePhone(p.trim()))
  return new Set(listed.filter((p): p is string => !!p))
}

function conflict(field: 'phone' | 'email'): AppError {
  const message = field === 'phone' ? 'An account with this phone number already exists.' : 'An account with this email already exists.'
  return new AppError(`conflict:${field}`, { message, fieldErrors: { [field]: [message] }, details: { field } })
}

/** The constraint name of a unique violation (code 23505), from either driver. */
export function uniqueViolation(error: unknown): string | null {
  for (let e = error as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return e.constraint_name ?? e.constraint ?? 'unique'
  }
  return null
}
