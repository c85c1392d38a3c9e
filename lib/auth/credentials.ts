// Checking a phone-or-email and password: rate limits and lockout per account and per IP,
// constant work for unknown accounts, and an access-log row for every outcome. Failures count
// against the account the identifier names, whichever identifier (phone or email) named it, so
// locking one locks the other; an identifier that names no account counts on its own.
import { getDb } from '@/db'
import { getUserByEmail, getUserByPhone, updateUserById } from '@/db/queries/users'
import type { User } from '@/db/schema'
import { recordAccess } from '@/lib/audit'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { assertNotLimited, clearAttempts, countAttempt } from '@/lib/rate-limit'
import { verifyDummyPassword, verifyPassword } from './password'
import { normalizePhone } from './phone'

export interface LoginInput {
  identifier: string
  password: string
}

/** The account key an identifier names: an E.164 phone or a lower-cased email. */
export function accountKey(identifier: string): string {
  const trimmed = identifier.trim()
  if (trimmed.includes('@')) return trimmed.toLowerCase()
  return normalizePhone(trimmed) ?? trimmed
}

async function findAccount(key: string): Promise<User | undefined> {
  const db = await getDb()
  if (key.includes('@')) return getUserByEmail(db, { email: key })
  if (!key.startsWith('+')) return undefined
  return getUserByPhone(db, { phone: key })
}

/** The key the `login-account` limit counts on: the account when there is one, else the identifier. */
function limitKey(key: string, user: User | undefined): string {
  return user ? `user:${user.id}` : `identifier:${key}`
}

export async function verifyLogin(input: LoginInput, info: RequestInfo, action = 'login'): Promise<User> {
  const key = accountKey(input.identifier)
  const user = await findAccount(key)
  const accountLimit = limitKey(key, user)
  try {
    await assertNotLimited('login-ip', info.ip)
    await assertNotLimited('login-account', accountLimit)
  } catch (error) {
    await recordAccess({ userId: user?.id, action: `${action}.locked`, success: false, ...info, riskScore: 0.6, details: { reason: 'locked' } })
    throw error
  }

  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : await verifyDummyPassword(input.password)

  if (!user || !ok) {
    const accountLockout = await countAttempt('login-account', accountLimit)
    const ipLockout = await countAttempt('login-ip', info.ip)
    const lockout = accountLockout ?? ipLockout
    await recordAccess({
      userId: user?.id,
      action,
      success: false,
      ...info,
      riskScore: 0.4,
      details: { reason: user ? 'wrong_password' : 'unknown_account' },
    })
    if (lockout) {
      await recordAccess({ userId: user?.id, action: `${action}.lockout`, success: false, ...info, riskScore: 0.8 })
    }
    throw new AppError('unauthorized:credentials', { message: 'Wrong phone number, email or password.' })
  }

  if (!user.active) {
    await recordAccess({ userId: user.id, action, success: false, ...info, riskScore: 0.5, details: { reason: 'deactivated' } })
    throw new AppError('forbidden:account', { message: 'This account is deactivated. Ask your administrator.' })
  }

  await clearAttempts('login-account', accountLimit)
  await updateUserById(await getDb(), { id: user.id, values: { lastLoginAt: new Date() } })
  await recordAccess({ userId: user.id, action, success: true, ...info })
  return user
}
