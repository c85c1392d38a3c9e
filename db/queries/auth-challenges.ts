// WebAuthn challenges: stored when options are given out, taken (deleted) when answered.
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm'
import type { Db, DbExecutor } from '../index'
import { authChallenges } from '../schema'

/** How many expired challenges one insert clears at most (bounded work per request). */
const PURGE_BATCH = 200

/**
 * Stores a challenge and, in the same transaction, removes up to a batch of expired ones, so the
 * table stays small without a timer. SKIP LOCKED: concurrent inserts never wait for each other
 * over the same expired rows.
 */
export async function insertAuthChallenge(db: Db, values: typeof authChallenges.$inferInsert): Promise<void> {
  await db.transaction(async (tx) => {
    const expired = tx
      .select({ id: authChallenges.id })
      .from(authChallenges)
      .where(lt(authChallenges.expiresAt, sql`now()`))
      .limit(PURGE_BATCH)
      .for('update', { skipLocked: true })
    await tx.delete(authChallenges).where(sql`${authChallenges.id} in (${expired})`)
    await tx.insert(authChallenges).values(values)
  })
}

/**
 * Takes a challenge out (single use) if it was issued for this purpose and is fresh; `userId`:
 * only if it is that user's (a sign-in challenge belongs to nobody yet); `sessionId`: only if
 * that session asked for it (another session of the same user cannot answer it). True when one
 * was taken.
 */
export async function takeAuthChallenge(
  db: DbExecutor,
  { challenge, purpose, userId, sessionId }: { challenge: string; purpose: string; userId?: string; sessionId?: string | null },
): Promise<boolean> {
  const rows = await db
    .delete(authChallenges)
    .where(
      and(
        eq(authChallenges.challenge, challenge),
        userId !== undefined ? eq(authChallenges.userId, userId) : undefined,
        sessionId === undefined ? undefined : sessionId === null ? isNull(authChallenges.sessionId) : eq(authChallenges.sessionId, sessionId),
        eq(authChallenges.purpose, purpose),
        gt(authChallenges.expiresAt, new Date()),
      ),
    )
    .returning({ id: authChallenges.id })
  return rows.length > 0
}
