// Users, looked up by the system (sign-in, registration, admin) or inside a user's transaction.
import { eq, sql } from 'drizzle-orm'
import type { DbExecutor } from '../index'
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
