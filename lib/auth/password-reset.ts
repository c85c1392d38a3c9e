// Password reset by a one-time emailed link: token stored hashed, valid 30 minutes, single use.
// The answer to a request is the same whether or not the account exists. The link goes only to
// a confirmed address; setting the new password ends every session and revokes every API token.
import { getDb } from '@/db'
import { consumePasswordResetTokenByHash, insertPasswordResetToken } from '@/db/queries/password-resets'
import { deletePasskeysByUser } from '@/db/queries/passkeys'
import { getUserByEmail, getUserById, getUserByPhone } from '@/db/queries/users'
import { recordAccess } from '@/lib/audit'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { sendMail } from '@/lib/notify/mail'
import { consumeOrThrow } from '@/lib/rate-limit'
import { accountKey } from './credentials'
import { setNewPassword } from './new-password'
import { hashPassword, passwordProblem } from './password'
import { newSecret, sha256 } from './secret-token'

export const RESET_TOKEN_TTL_MS = 30 * 60_000

/** The origin links in emails point at: configured, never taken from a request's Host header. */
export function publicOrigin(): string {
  const configured = process.env.MNEMO_PUBLIC_URL ?? process.env.AUTH_URL
  if (configured) return new URL(configured).origin
  return `http://localhost:${process.env.PORT ?? 3000}`
}

export async function requestPasswordReset({ identifier, info }: { identifier: string; info: RequestInfo }): Promise<void> {
  const key = accountKey(identifier)
  await consumeOrThrow('reset-ip', info.ip)
  await consumeOrThrow('reset-account', key)
  const db = await getDb()
  const user = key.includes('@') ? await getUserByEmail(db, { email: key }) : key.startsWith('+') ? await getUserByPhone(db, { phone: key }) : undefined
  await recordAccess({
    userId: user?.id,
    action: 'password_reset.request',
    success: Boolean(user?.email && user.emailVerifiedAt && user.active),
    ...info,
    details: { reason: !user ? 'unknown_account' : !user.email ? 'no_email' : !user.emailVerifiedAt ? 'unconfirmed_email' : !user.active ? 'deactivated' : 'sent' },
  })
  if (!user || !user.email || !user.emailVerifiedAt || !user.active) return

  const token = newSecret()
  await insertPasswordResetToken(db, {
    userId: user.id,
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS),
  })
  const link = `${publicOrigin()}/reset-password?token=${encodeURIComponent(token)}`
  await sendMail({
    to: user.email,
    subject: 'Reset your mnemo password',
    text:
      `Someone asked to reset the password of your mnemo account.\n\n` +
      `Open this link within 30 minutes to choose a new password:\n${link}\n\n` +
      `If it was not you, ignore this email: your password stays as it is.\n`,
  })
}

/** Sets a new password with a valid token; signs out every session and revokes every token. */
export async function resetPassword({ token, password, info }: { token: string; password: string; info: RequestInfo }): Promise<void> {
  const db = await getDb()
  const problem = await passwordProblem(password)
  if (problem) throw new AppError('bad_request:password_reset', { message: problem, fieldErrors: { password: [problem] } })
  const row = await consumePasswordResetTokenByHash(db, { tokenHash: sha256(token) })
  if (!row) {
    await recordAccess({ action: 'password_reset.confirm', success: false, ...info, riskScore: 0.5, details: { reason: 'invalid_token' } })
    throw new AppError('bad_request:password_reset', {
      message: 'This reset link is invalid, used or expired. Ask for a new one.',
      fieldErrors: { token: ['Invalid, used or expired.'] },
    })
  }
  const user = await getUserById(db, { id: row.userId })
  if (!user?.active) throw new AppError('forbidden:account', { message: 'This account is deactivated.' })
  const passwordHash = await hashPassword(password)
  // Recovery starts from the password alone: a passkey someone slipped in while holding a session
  // must not outlive it (the owner adds theirs again). In the same transaction as the password,
  // so a passkey sign-in cannot slip a session in between the two (see startSession).
  const passkeysRemoved = await db.transaction(async (tx) => {
    await setNewPassword(tx, { user, passwordHash })
    return deletePasskeysByUser(tx, { userId: user.id })
  })
  await recordAccess({ userId: user.id, action: 'password_reset.confirm', success: true, ...info, details: { passkeys_removed: passkeysRemoved } })
}
