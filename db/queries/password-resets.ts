// One-time password reset tokens, stored as SHA-256 hashes.
import { and, eq, gt, isNull } from 'drizzle-orm'
import type { DbExecutor } from '../index'
import { passwordResetTokens, type PasswordResetToken } from '../schema'

export async function insertPasswordResetToken(
  db: DbExecutor,
  values: typeof passwordResetTokens.$inferInsert,
): Promise<PasswordResetToken> {
  const [row] = await db.insert(passwordResetTokens).values(values).returning()
  return row
}

/** Marks a valid (unused, unexpired) token used and returns it; undefined when there is none. */
export async function consumePasswordResetTokenByHash(
  db: DbExecutor,
  { tokenHash }: { tokenHash: string },
): Promise<PasswordResetToken | undefined> {
  const [row] = await db
    .update(passwordResetTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(passwordResetTokens.tokenHash, tokenHash),
        isNull(passwordResetTokens.usedAt),
        gt(passwordResetTokens.expiresAt, new Date()),
      ),
    )
    .returning()
  return row
}

/** Voids every unused reset link of the user (once the password changed, an older link must not set another). */
export async function voidPasswordResetTokensByUser(db: DbExecutor, { userId }: { userId: string }): Promise<void> {
  await db.delete(passwordResetTokens).where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)))
}
