// A user's corrections (a memory moved to another tier), stored sealed as labelled examples.
import { desc, eq } from 'drizzle-orm'
import type { DbExecutor } from '../index'
import { corrections, type Correction } from '../schema'

export async function insertCorrection(db: DbExecutor, values: typeof corrections.$inferInsert): Promise<void> {
  await db.insert(corrections).values(values)
}

/** Newest first. */
export function listCorrectionsByUser(db: DbExecutor, { userId, limit }: { userId: string; limit: number }): Promise<Correction[]> {
  return db.select().from(corrections).where(eq(corrections.userId, userId)).orderBy(desc(corrections.createdAt)).limit(limit)
}
