// The history of a user's profile and preference changes, written and read inside the owner's
// RLS transaction (`withUser`).
import { desc, eq } from 'drizzle-orm'
import type { DbExecutor } from '../index'
import { preferenceHistory, type PreferenceChange } from '../schema'

export async function insertPreferenceChanges(db: DbExecutor, values: (typeof preferenceHistory.$inferInsert)[]): Promise<void> {
  await db.insert(preferenceHistory).values(values)
}

/** Newest first. */
export async function listPreferenceChangesByUser(db: DbExecutor, { userId, limit }: { userId: string; limit: number }): Promise<PreferenceChange[]> {
  return db.select().from(preferenceHistory).where(eq(preferenceHistory.userId, userId)).orderBy(desc(preferenceHistory.changedAt), desc(preferenceHistory.id)).limit(limit)
}
