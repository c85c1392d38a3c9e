// What a new password sets in motion, the same after a change in Settings and after a reset by
// emailed link: the access and the links that came from before it end with it. And its other
// side: a token or session made from a credential check only while that credential still holds.
import type { DbExecutor, Tx } from '@/db'
import { revokeApiTokensByUser } from '@/db/queries/api-tokens'
import { getPasskeyById } from '@/db/queries/passkeys'
import { voidEmailChangesByUser } from '@/db/queries/email-confirmations'
import { voidPasswordResetTokensByUser } from '@/db/queries/password-resets'
import { revokeSessionsByUser } from '@/db/queries/sessions'
import { lockPasswordHashById, updateUserById } from '@/db/queries/users'
import { AppError } from '@/lib/errors'
import type { User } from '@/db/schema'

/**
 * Stores the new password hash and, in the same transaction: voids the reset links mailed before
 * it and a pending change of email address (one asked by whoever held the session must not
 * confirm after the owner took the account back; the link confirming the current address stays),
 * ends every session but `keepSessionId`, and revokes every API token.
 */
export async function setNewPassword(
  tx: DbExecutor,
  { user, passwordHash, keepSessionId }: { user: User; passwordHash: string; keepSessionId?: string },
): Promise<{ revokedSessions: number; revokedTokens: number }> {
  await updateUserById(tx, { id: user.id, values: { passwordHash } })
  await voidPasswordResetTokensByUser(tx, { userId: user.id })
  await voidEmailChangesByUser(tx, { userId: user.id, currentEmail: user.email })
  const revokedSessions = await revokeSessionsByUser(tx, { userId: user.id, keepId: keepSessionId })
  return { revokedSessions, revokedTokens: await revokeApiTokensByUser(tx, { userId: user.id }) }
}

/**
 * Inside the transaction that creates a token or a session from a password check: the password
 * must still be the one that was checked. Its row lock orders this against setNewPassword (whose
 * update waits for it, then revokes what was just made), so a token exchanged with the old
 * password while a reset commits never outlives the reset.
 */
export async function assertPasswordUnchanged(tx: Tx, { userId, checkedHash }: { userId: string; checkedHash: string }): Promise<void> {
  const now = await lockPasswordHashById(tx, { id: userId })
  if (now !== checkedHash) throw new AppError('unauthorized:credentials', { message: 'Wrong phone number, email or password.' })
}

/** The same for a passkey sign-in: the credential just verified is still the account's. */
export async function assertPasskeyKept(tx: Tx, { userId, passkeyId }: { userId: string; passkeyId: string }): Promise<void> {
  await lockPasswordHashById(tx, { id: userId })
  if (!(await getPasskeyById(tx, { id: passkeyId, userId }))) throw new AppError('unauthorized:passkey', { message: 'This passkey is no longer registered.' })
}
