// Memories: insert, read, list (newest first, cursor-paged), update, soft delete and purge.
// Called inside the owner's RLS transaction (`withUser`), except the purge job.
import { and, arrayContains, desc, eq, gt, gte, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import { anyOf } from '../any-of'
import { rowsOf, type DbExecutor } from '../index'
import { memories, type Memory, type NewMemory } from '../schema'
import type { Tier } from '@/lib/tiers'

/** Inserts unless the user already has a memory with this client id; undefined then. */
export async function insertMemory(db: DbExecutor, values: NewMemory): Promise<Memory | undefined> {
  const [row] = await db.insert(memories).values(values).onConflictDoNothing({ target: [memories.userId, memories.clientId] }).returning()
  return row
}

export async function getMemoryById(db: DbExecutor, { userId, id }: { userId: string; id: string }): Promise<Memory | undefined> {
  const [row] = await db.select().from(memories).where(and(eq(memories.userId, userId), eq(memories.id, id))).limit(1)
  return row
}

export async function getMemoryByClientId(db: DbExecutor, { userId, clientId }: { userId: string; clientId: string }): Promise<Memory | undefined> {
  const [row] = await db.select().from(memories).where(and(eq(memories.userId, userId), eq(memories.clientId, clientId))).limit(1)
  return row
}

export interface ListMemoriesOptions {
  userId: string
  tiers?: Tier[]
  tag?: string
  from?: Date
  to?: Date
  limit: number
  cursor?: { createdAt: Date; id: string }
}

export async function listMemoriesByUser(db: DbExecutor, o: ListMemoriesOptions): Promise<Memory[]> {
  const conditions: (SQL | undefined)[] = [eq(memories.userId, o.userId), isNull(memories.deletedAt)]
  if (o.tiers?.length) conditions.push(anyOf(memories.tier, o.tiers))
  // Tags of protected tiers are sealed, so a tag filter can match only tier-1 rows in SQL;
  // protected rows are kept here and filtered after decryption.
  if (o.tag) conditions.push(or(arrayContains(memories.tags, [o.tag]), isNotNull(memories.ciphertext)))
  if (o.from) conditions.push(gte(memories.occurredAt, o.from))
  if (o.to) conditions.push(lte(memories.occurredAt, o.to))
  if (o.cursor) {
    conditions.push(
      or(lt(memories.createdAt, o.cursor.createdAt), and(eq(memories.createdAt, o.cursor.createdAt), lt(memories.id, o.cursor.id))),
    )
  }
  return db
    .select()
    .from(memories)
    .where(and(...conditions))
    .orderBy(desc(memories.createdAt), desc(memories.id))
    .limit(o.limit)
}

/** The row's updated_at is still the one read. JavaScript reads it to the millisecond; the column may hold microseconds. */
function updatedAtIs(readAt: Date): SQL {
  return sql`date_trunc('milliseconds', ${memories.updatedAt}) = ${readAt.toISOString()}::timestamptz`
}

/**
 * Writes a memory's new values. With `unchangedSince` (the updated_at it was read with), only if
 * nobody wrote it in between: undefined then means "changed meanwhile" as well as "gone".
 */
export async function updateMemoryById(
  db: DbExecutor,
  { userId, id, values, unchangedSince }: { userId: string; id: string; values: Partial<NewMemory>; unchangedSince?: Date },
): Promise<Memory | undefined> {
  const [row] = await db
    .update(memories)
    .set({ ...values, updatedAt: new Date() })
    .where(
      and(
        eq(memories.userId, userId),
        eq(memories.id, id),
        isNull(memories.deletedAt),
        unchangedSince ? updatedAtIs(unchangedSince) : undefined,
      ),
    )
    .returning()
  return row
}

export async function softDeleteMemoryById(db: DbExecutor, { userId, id }: { userId: string; id: string }): Promise<boolean> {
  const rows = await db
    .update(memories)
    .set({ deletedAt: new Date() })
    .where(and(eq(memories.userId, userId), eq(memories.id, id), isNull(memories.deletedAt)))
    .returning({ id: memories.id })
  return rows.length > 0
}

export async function restoreMemoryById(db: DbExecutor, { userId, id }: { userId: string; id: string }): Promise<boolean> {
  const rows = await db
    .update(memories)
    .set({ deletedAt: null, updatedAt: new Date() })
    .where(and(eq(memories.userId, userId), eq(memories.id, id), isNotNull(memories.deletedAt)))
    .returning({ id: memories.id })
  return rows.length > 0
}

/** The user's deleted memories still inside the undo window, most recently deleted first. */
export async function listDeletedMemoriesByUser(db: DbExecutor, { userId, since, limit }: { userId: string; since: Date; limit: number }): Promise<Memory[]> {
  return db
    .select()
    .from(memories)
    .where(and(eq(memories.userId, userId), isNotNull(memories.deletedAt), gte(memories.deletedAt, since)))
    .orderBy(desc(memories.deletedAt), desc(memories.id))
    .limit(limit)
}

/** Whether any of the user's memories was created, updated, deleted or restored after `since`. */
export async function hasMemoryChangesByUser(db: DbExecutor, { userId, since }: { userId: string; since: Date }): Promise<boolean> {
  const [row] = await db
    .select({ id: memories.id })
    .from(memories)
    .where(and(eq(memories.userId, userId), or(gt(memories.createdAt, since), gt(memories.updatedAt, since), gt(memories.deletedAt, since))))
    .limit(1)
  return row !== undefined
}

/** System job: removes memories deleted before `before` (the 30-day undo window). */
export async function purgeDeletedMemories(db: DbExecutor, { before }: { before: Date }): Promise<number> {
  const rows = await db.delete(memories).where(and(isNotNull(memories.deletedAt), lt(memories.deletedAt, before))).returning({ id: memories.id })
  return rows.length
}

/** How many of a user's latest memories the tags offered to the classifier are counted over. */
export const RECENT_FOR_TAGS = 200

/** The tags of the user's latest memories, most used first. */
export async function listTagsByUser(db: DbExecutor, { userId, limit = 50, recent = RECENT_FOR_TAGS }: { userId: string; limit?: number; recent?: number }): Promise<string[]> {
  // Counted over the latest memories only (on memories_user_created_idx), so a capture's
  // context read costs the same in a vault of 500 memories as in one of 500,000.
  const rows = await db.execute(sql`
    select tag, count(*) as n from (
      select ${memories.tags} as tags from ${memories}
      where ${memories.userId} = ${userId} and ${memories.deletedAt} is null
      order by ${memories.createdAt} desc limit ${recent}
    ) latest, unnest(latest.tags) as tag
    group by tag order by n desc, tag limit ${limit}`)
  return rowsOf<{ tag: string }>(rows).map((r) => r.tag)
}

/** How many live memories the user has in each tier. */
export async function countMemoriesByTier(db: DbExecutor, { userId }: { userId: string }): Promise<Partial<Record<Memory['tier'], number>>> {
  const rows = await db
    .select({ tier: memories.tier, count: sql<number>`count(*)::int` })
    .from(memories)
    .where(and(eq(memories.userId, userId), isNull(memories.deletedAt)))
    .groupBy(memories.tier)
  return Object.fromEntries(rows.map((r) => [r.tier, Number(r.count)]))
}

function embeddedByAnother(model: string) {
  return and(isNull(memories.deletedAt), or(isNull(memories.embeddingModel), sql`${memories.embeddingModel} <> ${model}`))
}

/** Every user's live memories whose embedding is not from `model` (system work, outside RLS). */
export async function countMemoriesEmbeddedByAnother(db: DbExecutor, { model }: { model: string }): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(memories).where(embeddedByAnother(model))
  return Number(row.n)
}

export function listMemoriesEmbeddedByAnother(db: DbExecutor, { model, limit }: { model: string; limit: number }): Promise<Memory[]> {
  return db.select().from(memories).where(embeddedByAnother(model)).orderBy(memories.id).limit(limit)
}

/**
 * Sets a memory's embedding columns unless it was deleted or already holds an embedding from
 * `model` (an edit made meanwhile embedded its new words with it: that one stays).
 */
/**
 * A re-embedding, written only if the memory was not edited or moved since it was read (`readAt`,
 * its updated_at then): a memory moved to a protected tier meanwhile must not get plain columns.
 */
export async function updateMemoryEmbeddingById(
  db: DbExecutor,
  { id, model, values, readAt }: { id: string; model: string; values: Pick<NewMemory, 'embedding' | 'embeddingEnc' | 'embeddingModel'>; readAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(memories)
    .set(values)
    .where(and(eq(memories.id, id), embeddedByAnother(model), updatedAtIs(readAt)))
    .returning({ id: memories.id })
  return rows.length === 1
}
