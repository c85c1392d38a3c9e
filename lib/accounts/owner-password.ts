// The owner's password, asked again before a change only the owner may make (a new email or
// phone, a new password, deleting the account). Wrong answers count toward the same per-account
// lockout as unlocking a tier and are logged, so none of these forms is a password oracle.
import type { User } from '@/db/schema'
import { recordAccess } from '@/lib/audit'
import { verifyPassword } from '@/lib/auth/password'
import type { RequestInfo } from '@/lib/http/request-info'
import { assertNotLimited, clearAttempts, countAttempt } from '@/lib/rate-limit'

/** Whether `password` is the owner's; throws the lockout (429) once too many were wrong. */
export async function ownerPasswordMatches(user: User, password: string, { info, action, riskScore = 0.6 }: { info: RequestInfo; action: string; riskScore?: number }): Promise<boolean> {
  await assertNotLimited('unlock-account', user.id)
  if (user.passwordHash && (await verifyPassword(user.passwordHash, password))) {
    await clearAttempts('unlock-account', user.id)
    return true
  }
  const lockout = await countAttempt('unlock-account', user.id)
  await recordAccess({ userId: user.id, action, success: false, ...info, riskScore, details: { reason: 'wrong_password' } })
  if (lockout) throw lockout
  return false
}
