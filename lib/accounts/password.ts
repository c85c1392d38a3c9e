// Changing a password: the current one must be right; every other session is signed out and
// every API token revoked (a token minted by whoever knew the old password must not outlive it).
import { getDb } from '@/db'
import { getUserById } from '@/db/queries/users'
import { recordAccess } from '@/lib/audit'
import { setNewPassword } from '@/lib/auth/new-password'
import { hashPassword, passwordProblem } from '@/lib/auth/password'
import { ownerPasswordMatches } from './owner-password'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'

export async function changePassword({
  userId,
  sessionId,
  currentPassword,
  newPassword,
  info,
}: {
  userId: string
  /** The session making the change, which stays signed in (none for an API token). */
  sessionId?: string
  currentPassword: string
  newPassword: string
  info: RequestInfo
}): Promise<{ revokedSessions: number; revokedTokens: number }> {
  // An empty form asks for what is missing; it is not a wrong password (nor logged as one).
  const missing: Record<string, string[]> = {}
  if (!currentPassword) missing.current_password = ['Enter your current password.']
  if (!newPassword) missing.new_password = ['Enter a new password.']
  if (Object.keys(missing).length > 0) {
    const message = missing.current_password ? 'Enter your current password to change it.' : 'Enter a new password.'
    throw new AppError('bad_request:password', { message, fieldErrors: missing })
  }
  const db = await getDb()
  const user = await getUserById(db, { id: userId })
  if (!user?.passwordHash) throw new AppError('not_found:user')
  if (!(await ownerPasswordMatches(user, currentPassword, { info, action: 'password.change', riskScore: 0.5 }))) {
    throw new AppError('bad_request:password', {
      message: 'The current password is not right.',
      fieldErrors: { current_password: ['Not your current password.'] },
    })
  }
  const problem = await passwordProblem(newPassword, [user.phone, user.email ?? '', user.name ?? ''])
  if (problem) throw new AppError('bad_request:password', { message: problem, fieldErrors: { new_password: [problem] } })
  const passwordHash = await hashPassword(newPassword)
  const revoked = await db.transaction((tx) => setNewPassword(tx, { user, passwordHash, keepSessionId: sessionId }))
  await recordAccess({ userId, action: 'password.change', success: true, ...info, details: revoked })
  return revoked
}
