// Tier 2 also opens with the password: re-entering it marks the session's sign-in fresh again
// (12 hours). Failures count toward the unlock lockout and are logged.
import { getDb } from '@/db'
import { markSessionFreshById } from '@/db/queries/sessions'
import { recordAccess } from '@/lib/audit'
import { verifyPassword } from '@/lib/auth/password'
import type { Principal } from '@/lib/auth/principal-type'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { FRESH_LOGIN_MS } from '@/lib/memories/access'
import { assertNotLimited, clearAttempts, countAttempt } from '@/lib/rate-limit'

export async function unlockWithPassword(principal: Principal, password: string, info: RequestInfo): Promise<Date> {
  const userId = principal.user.id
  await assertNotLimited('unlock-account', userId)
  if (!principal.user.passwordHash || !(await verifyPassword(principal.user.passwordHash, password))) {
    const lockout = await countAttempt('unlock-account', userId)
    await recordAccess({ userId, action: 'unlock', tier: 'confidential', success: false, ...info, riskScore: 0.6, details: { method: 'password' } })
    if (lockout) throw lockout
    throw new AppError('unauthorized:password', { message: 'That is not your password.' })
  }
  await clearAttempts('unlock-account', userId)
  const now = new Date()
  await markSessionFreshById(await getDb(), { id: principal.sessionId!, at: now })
  await recordAccess({ userId, action: 'unlock', tier: 'confidential', success: true, ...info, details: { method: 'password' } })
  return new Date(now.getTime() + FRESH_LOGIN_MS)
}
