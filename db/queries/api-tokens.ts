// Personal API tokens, stored as SHA-256 hashes.
import { and, desc, eq, isNull } from 'drizzle-orm'
import type { DbExecutor } from '../index'
import { apiTokens, type ApiToken } from '../schema'

export async function insertApiToken(db: DbExecutor, values: typeof apiTokens.$inferInsert): Promise<ApiToken> {
  const [row] = await db.insert(apiTokens).values(values).returning()
  return row
}

export async function getApiTokenByHash(db: DbExecutor, { tokenHash }: { tokenHash: string }): Promise<ApiToken | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).limit(1)
  return row
}

export async function getApiTokenById(db: DbExecutor, { id }: { id: string }): Promise<ApiToken | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).limit(1)
  return row
}

export async function listApiTokensByUser(db: DbExecutor, { userId }: { userId: string }): Promise<ApiToken[]> {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt))
}

export async function revokeApiTokenById(db: DbExecutor, { userId, id }: { userId: string; id: string }): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id })
  return rows.length > 0
}

export async function touchApiTokenById(db: DbExecutor, { id }: { id: string }): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id))
}

/** Revokes every live token of a user (after a password change or reset); returns how many. */
export async function revokeApiTokensByUser(db: DbExecutor, { userId }: { userId: string }): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id })
  return rows.length
}
