// Users, looked up and written by the system (sign-in, registration, admin, account deletion) or
// inside a user's transaction.
import { eq, sql } from 'drizzle-orm'
import type { DbExecutor, Tx } from '../index'
import { users, type NewUser, type User } from '../schema'

export async function getUserById(db: DbExecutor, { id }: { id: string }): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1)
  return user
}

export async function getUserByPhone(db: DbExecutor, { phone }: { phone: string }): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.phone, phone)).limit(1)
  return user
}

export async function getUserByEmail(db: DbExecutor, { email }: { email: string }): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1)
  return user
}

export async function countUsers(db: DbExecutor): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users)
  return Number(row.n)
}

export async function insertUser(db: DbExecutor, values: NewUser): Promise<User> {
  const [user] = await db.insert(users).values(values).returning()
  return user
}

export async function updateUserById(
  db: DbExecutor,
  { id, values }: { id: string; values: Partial<NewUser> },
): Promise<User | undefined> {
  const [user] = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning()
  return user
}

/** Serialises registrations until the transaction ends. */
export async function lockRegistrations(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('mnemo:register'))`)
}

/** Deletes the user and, by cascade, the rows that reference them (the access log holds no reference: it keeps its rows). */
export async function deleteUserById(db: DbExecutor, { id }: { id: string }): Promise<void> {
  await db.delete(users).where(eq(users.id, id))
}

/**
 * The user's password hash, the row locked until the transaction ends: a credential checked
 * before a password change cannot mint a token or a session that the change then misses.
 */
export async function lockPasswordHashById(tx: Tx, { id }: { id: string }): Promise<string | null | undefined> {
  const [row] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id)).for('update')
  return row ? row.passwordHash : undefined
}
