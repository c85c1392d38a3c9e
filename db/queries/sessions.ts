// Sign-in sessions: one row per signed-in device, listable and revocable by its user, with the
// unlock windows it holds (a fresh password sign-in, passkey step-ups).
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm'
import type { DbExecutor } from '../index'
import { sessions, type Session } from '../schema'

export async function insertSession(db: DbExecutor, values: typeof sessions.$inferInsert): Promise<Session> {
  const [row] = await db.insert(sessions).values(values).returning()
  return row
}

export async function getSessionById(db: DbExecutor, { id }: { id: string }): Promise<Session | undefined> {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1)
  return row
}

export async function listActiveSessionsByUser(db: DbExecutor, { userId }: { userId: string }): Promise<Session[]> {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > now()`))
    .orderBy(desc(sessions.lastSeenAt))
}

export async function touchSessionById(db: DbExecutor, { id }: { id: string }): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id))
}

export async function revokeSessionById(
  db: DbExecutor,
  { userId, id }: { userId: string; id: string },
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id })
  return rows.length > 0
}

/** Revokes every session of the user but `keepId` (all of them when it is undefined). */
export async function revokeSessionsByUser(
  db: DbExecutor,
  { userId, keepId }: { userId: string; keepId?: string },
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keepId ? ne(sessions.id, keepId) : undefined))
    .returning({ id: sessions.id })
  return rows.length
}

/**
 * Opens unlock windows on a session: only the keys given are written, into the row as it is now.
 * (Writing back the whole map read before a passkey ceremony would reopen windows that "Lock now"
 * closed meanwhile.)
 */
export async function openSessionUnlocksById(
  db: DbExecutor,
  { userId, id, open }: { userId: string; id: string; open: Record<string, string> },
): Promise<void> {
  await db
    .update(sessions)
    .set({ unlocks: sql`${sessions.unlocks} || ${JSON.stringify(open)}::jsonb` })
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
}

/** The password was entered again on this session at `at`: its sign-in counts as fresh from then. */
export async function markSessionFreshById(db: DbExecutor, { id, at }: { id: string; at: Date }): Promise<void> {
  await db.update(sessions).set({ freshAuthAt: at }).where(eq(sessions.id, id))
}

/** Closes the passkey step-ups (secret and ultrasecret) of every session of the user. */
export async function closePasskeyUnlocksByUser(db: DbExecutor, { userId }: { userId: string }): Promise<void> {
  await db.update(sessions).set({ unlocks: sql`${sessions.unlocks} - '3' - '4'` }).where(eq(sessions.userId, userId))
}

/**
 * Closes every unlock window of every session of the user: the passkey step-ups, and the fresh
 * sign-in, moved back beyond its 12 hours (never forward).
 */
export async function closeUnlockWindowsByUser(db: DbExecutor, { userId }: { userId: string }): Promise<void> {
  await db
    .update(sessions)
    .set({ unlocks: {}, freshAuthAt: sql`least(${sessions.freshAuthAt}, now() - interval '13 hours')` })
    .where(eq(sessions.userId, userId))
}
