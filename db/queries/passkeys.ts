// Passkeys: a user's registered WebAuthn credentials, listed, added, renamed and removed inside
// the owner's RLS transaction (`withUser`); looked up by credential id for a sign-in, where the
// user is whoever owns it.
import { and, eq } from 'drizzle-orm'
import type { DbExecutor } from '../index'
import { passkeys, type Passkey } from '../schema'

export async function listPasskeysByUser(db: DbExecutor, { userId }: { userId: string }): Promise<Passkey[]> {
  return db.select().from(passkeys).where(eq(passkeys.userId, userId)).orderBy(passkeys.createdAt)
}

/** `userId`: only that user's passkey; without it, whoever's it is (a passkey sign-in). */
export async function getPasskeyById(db: DbExecutor, { id, userId }: { id: string; userId?: string }): Promise<Passkey | undefined> {
  const [row] = await db
    .select()
    .from(passkeys)
    .where(and(eq(passkeys.id, id), userId !== undefined ? eq(passkeys.userId, userId) : undefined))
  return row
}

export async function insertPasskey(db: DbExecutor, values: typeof passkeys.$inferInsert): Promise<Passkey> {
  const [row] = await db.insert(passkeys).values(values).returning()
  return row
}

export async function renamePasskeyById(db: DbExecutor, { userId, id, name }: { userId: string; id: string; name: string }): Promise<boolean> {
  const rows = await db
    .update(passkeys)
    .set({ name })
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning({ id: passkeys.id })
  return rows.length > 0
}

/** Removes every passkey of the user (account recovery starts from the password alone); returns how many. */
export async function deletePasskeysByUser(db: DbExecutor, { userId }: { userId: string }): Promise<number> {
  const rows = await db.delete(passkeys).where(eq(passkeys.userId, userId)).returning({ id: passkeys.id })
  return rows.length
}

export async function deletePasskeyById(db: DbExecutor, { userId, id }: { userId: string; id: string }): Promise<boolean> {
  const rows = await db
    .delete(passkeys)
    .where(and(eq(passkeys.id, id), eq(passkeys.userId, userId)))
    .returning({ id: passkeys.id })
  return rows.length > 0
}

/** After a verified assertion: the authenticator's new signature counter, and when it was used. */
export async function markPasskeyUsedById(db: DbExecutor, { id, counter }: { id: string; counter: number }): Promise<void> {
  await db.update(passkeys).set({ counter, lastUsedAt: new Date() }).where(eq(passkeys.id, id))
}
