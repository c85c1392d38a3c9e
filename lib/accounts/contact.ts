// The account's contact points, email and phone, name who may reset its password and sign in,
// so changing one needs proof that the owner is at the keyboard: the current password, or a
// passkey step-up of this session in the last 15 minutes. A new email address takes effect once
// its owner follows the link mailed to it (single use, stored hashed, valid 24 hours); the old
// address is told. There is no SMS, so a new phone number takes effect at once, and the
// confirmed email is told.
import { getDb } from '@/db'
import { consumeEmailConfirmationByHash, replaceEmailConfirmation } from '@/db/queries/email-confirmations'
import { getUserByEmail, getUserById, updateUserById } from '@/db/queries/users'
import type { Session, User } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { recordAccess } from '@/lib/audit'
import { publicOrigin } from '@/lib/auth/password-reset'
import { newSecret, sha256 } from '@/lib/auth/secret-token'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { sendMail } from '@/lib/notify/mail'
import { ownerPasswordMatches } from './owner-password'
import { uniqueViolation } from './register'

export const EMAIL_CONFIRMATION_TTL_MS = 24 * 3_600_000

/** Whether this session opened tier 3 with a passkey in the last minutes (a fresh step-up). */
function hasFreshPasskeyStepUp(session: Session | undefined, now = Date.now()): boolean {
  const until = session?.unlocks?.['3']
  return typeof until === 'string' && Date.parse(until) > now
}

/**
 * Throws unless the caller proved to be the owner just now. Wrong passwords count toward the
 * same per-account lockout as unlocking a tier, so this is no password oracle.
 */
export async function assertOwnerPresent({ user, session, currentPassword, info }: { user: User; session?: Session; currentPassword?: string; info: RequestInfo }): Promise<void> {
  if (hasFreshPasskeyStepUp(session)) return
  if (!currentPassword) {
    const message = 'Confirm this change with your current password (or unlock with your passkey first).'
    throw new AppError('bad_request:password', { message, fieldErrors: { current_password: [message] } })
  }
  if (await ownerPasswordMatches(user, currentPassword, { info, action: 'account.reauth' })) return
  throw new AppError('bad_request:password', { message: 'The current password is not right.', fieldErrors: { current_password: ['Not your current password.'] } })
}

export function emailTaken(): AppError {
  const message = 'An account with this email already exists.'
  return new AppError('conflict:email', { message, fieldErrors: { email: [message] }, details: { field: 'email' } })
}

export async function assertEmailFree(userId: string, email: string): Promise<void> {
  const other = await getUserByEmail(await getDb(), { email })
  if (other && other.id !== userId) throw emailTaken()
}

/** Mails a confirmation link to `email`; the address counts only once the link is followed. */
export async function sendEmailConfirmation({ user, email, info }: { user: User; email: string; info: RequestInfo }): Promise<void> {
  const address = email.toLowerCase()
  await assertEmailFree(user.id, address)
  const token = newSecret()
  await withUser(user.id, (tx) =>
    replaceEmailConfirmation(tx, { userId: user.id, email: address, tokenHash: sha256(token), expiresAt: new Date(Date.now() + EMAIL_CONFIRMATION_TTL_MS) }),
  )
  const link = `${publicOrigin()}/confirm-email?token=${encodeURIComponent(token)}`
  await sendMail({
    to: address,
    subject: 'Confirm your email address for mnemo',
    text:
      `Someone asked to use this address for a mnemo account.\n\n` +
      `Open this link within 24 hours to confirm it:\n${link}\n\n` +
      `Until then the account keeps its previous address. If it was not you, ignore this email.\n`,
  })
  await recordAccess({ userId: user.id, action: 'email.confirmation_sent', success: true, ...info })
  if (user.email && user.email !== address) {
    await sendMail({
      to: user.email,
      subject: 'Your mnemo email address is being changed',
      text:
        `Someone signed in to your mnemo account asked to change its email address to ${address}.\n\n` +
        `It changes only once that address is confirmed. If it was not you, sign in, change your\n` +
        `password (this signs out every device and revokes every API token) and check Settings.\n`,
    })
  }
}

/** Follows a confirmation link: the address becomes the account's, confirmed. */
export async function confirmEmail({ token, info }: { token: string; info: RequestInfo }): Promise<{ email: string }> {
  const db = await getDb()
  const row = await consumeEmailConfirmationByHash(db, { tokenHash: sha256(token) })
  if (!row) {
    await recordAccess({ action: 'email.confirm', success: false, ...info, riskScore: 0.4, details: { reason: 'invalid_token' } })
    throw new AppError('bad_request:email_confirmation', {
      message: 'This confirmation link is invalid, used or expired. Save the address again in Settings for a new one.',
      fieldErrors: { token: ['Invalid, used or expired.'] },
    })
  }
  const user = await getUserById(db, { id: row.userId })
  if (!user?.active) throw new AppError('forbidden:account', { message: 'This account is deactivated.' })
  await assertEmailFree(user.id, row.email)
  try {
    await updateUserById(db, { id: user.id, values: { email: row.email, emailVerifiedAt: new Date() } })
  } catch (error) {
    if (uniqueViolation(error)) throw emailTaken()
    throw error
  }
  await recordAccess({ userId: user.id, action: 'email.confirm', success: true, ...info })
  return { email: row.email }
}

/** Tells the confirmed address that the phone number changed (there is no SMS to ask first). */
export async function sendPhoneChangeNotice(user: User, phone: string): Promise<void> {
  if (!user.email || !user.emailVerifiedAt) return
  await sendMail({
    to: user.email,
    subject: 'Your mnemo phone number was changed',
    text:
      `The phone number of your mnemo account was changed to ${phone}. You now sign in with it.\n\n` +
      `If it was not you, reset your password from the sign-in page at once.\n`,
  })
}

/** Tells the old confirmed address that it no longer belongs to the account. */
export async function sendEmailRemovedNotice(oldEmail: string): Promise<void> {
  await sendMail({
    to: oldEmail,
    subject: 'Your email address was removed from mnemo',
    text: `This address was removed from a mnemo account; password resets no longer come here.\nIf it was not you, sign in and check Settings.\n`,
  })
}
