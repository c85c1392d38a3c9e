// Sign-up: a validated phone (E.164), optional unique email (mailed a confirmation link), a
// strong password hashed with argon2id. The first account of an instance becomes its admin, as do
// the numbers listed in MNEMO_ADMIN_PHONES.
import { sql } from 'drizzle-orm'
import { getDb } from '@/db'
import { countUsers, getUserByEmail, getUserByPhone, insertUser } from '@/db/queries/users'
import type { User } from '@/db/schema'
import { recordAccess } from '@/lib/audit'
import { hashPassword, passwordProblem } from '@/lib/auth/password'
import { normalizePhone } from '@/lib/auth/phone'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { consumeOrThrow } from '@/lib/rate-limit'
import { sendEmailConfirmation } from './contact'
import { DEFAULT_PREFERENCES } from './preferences'
import type { RegisterInput } from './schema'

export async function registerUser(input: RegisterInput, info: RequestInfo): Promise<User> {
  await consumeOrThrow('register-ip', info.ip)

  const phone = normalizePhone(input.phone)
  if (!phone) {
    throw new AppError('bad_request:register', {
      message: 'That phone number is not valid.',
      fieldErrors: { phone: ['Enter the number in international form, e.g. +1 415 555 2671.'] },
    })
  }
  const email = input.email ? input.email.toLowerCase() : null
  const problem = await passwordProblem(input.password, [phone, email ?? '', input.name ?? ''])
  if (problem) throw new AppError('bad_request:register', { message: problem, fieldErrors: { password: [problem] } })
  const passwordHash = await hashPassword(input.password)

  const db = await getDb()
  let user: User
  try {
    user = await db.transaction(async (tx) => {
      // One registration at a time decides who is first (and so admin).
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mnemo:register'))`)
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
    if (constraint) throw conflict(constraint.includes('email') ? 'email' : 'phone')
    throw error
  }
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
