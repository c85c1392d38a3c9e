// WebAuthn challenges: stored when options are given out, taken (deleted) when answered.
import { lt, sql } from 'drizzle-orm'
import type { Db } from '../index'
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
