// Pending email addresses, each with a one-time confirmation token stored as a SHA-256 hash.
import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm'
import type { DbExecutor } from '../index'
import { emailConfirmations, type EmailConfirmation } from '../schema'

/** Replaces the user's unused confirmations with this one (only the newest link works). */
export async function replaceEmailConfirmation(db: DbExecutor, values: typeof emailConfirmations.$inferInsert): Promise<EmailConfirmation> {
  await db.delete(emailConfirmations).where(and(eq(emailConfirmations.userId, values.userId), isNull(emailConfirmations.usedAt)))
  const [row] = await db.insert(emailConfirmations).values(values).returning()
  return row
}

/**
 * Voids the user's unused links that would set an address other than `currentEmail` (an email
 * change or addition asked before a password change or reset: it must be asked again). A link
 * confirming the current address itself, the one mailed at sign-up, stays.
 */
export async function voidEmailChangesByUser(db: DbExecutor, { userId, currentEmail }: { userId: string; currentEmail: string | null }): Promise<void> {
  const pending = and(eq(emailConfirmations.userId, userId), isNull(emailConfirmations.usedAt))
  await db.delete(emailConfirmations).where(currentEmail ? and(pending, ne(emailConfirmations.email, currentEmail)) : pending)
}

/** Marks a valid (unused, unexpired) token used and returns it; undefined when there is none. */
export async function consumeEmailConfirmationByHash(db: DbExecutor, { tokenHash }: { tokenHash: string }): Promise<EmailConfirmation | undefined> {
  const [row] = await db
    .update(emailConfirmations)
    .set({ usedAt: new Date() })
    .where(and(eq(emailConfirmations.tokenHash, tokenHash), isNull(emailConfirmations.usedAt), gt(emailConfirmations.expiresAt, new Date())))
    .returning()
  return row
}

/** The address waiting for confirmation, if its link is still valid. */
export async function getPendingEmailConfirmationByUser(db: DbExecutor, { userId }: { userId: string }): Promise<EmailConfirmation | undefined> {
  const [row] = await db
    .select()
    .from(emailConfirmations)
    .where(and(eq(emailConfirmations.userId, userId), isNull(emailConfirmations.usedAt), gt(emailConfirmations.expiresAt, new Date())))
    .orderBy(desc(emailConfirmations.createdAt))
    .limit(1)
  return row
}
