// The admin's reads across users. They run as the system (the connection's own role, outside
// withUser), so Row Level Security does not confine them: that is deliberate and kept narrow.
// Every query here returns account fields, counts and aggregates only — never a memory's
// content, tags, snippets or embeddings — and only lib/admin calls them, after assertAdmin.
import { and, desc, eq, gte, ilike, lt, or, sql, type SQL } from 'drizzle-orm'
import { rowsOf, type DbExecutor, type Tx } from '@/db'
import { accessLog, users, type AccessLogEntry } from '@/db/schema'

export interface AdminUserRow {
  id: string
  phone: string
  email: string | null
  name: string | null
  role: 'admin' | 'user'
  active: boolean
  max_tier: number
  created_at: string
  last_seen_at: string | null
  by_tier: Record<string, number>
  by_source: Record<string, number>
}

function userFilter(q: string | undefined): SQL | undefined {
  if (!q) return undefined
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  return or(ilike(users.phone, like), ilike(users.name, like), ilike(users.email, like))
}

export async function listUsersForAdmin(db: DbExecutor, { q, limit, offset }: { q?: string; limit: number; offset: number }): Promise<{ rows: AdminUserRow[]; total: number }> {
  const where = userFilter(q)
  const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(users).where(where)
  const page = await db.select({ id: users.id }).from(users).where(where).orderBy(desc(users.createdAt), desc(users.id)).limit(limit).offset(offset)
  if (page.length === 0) return { rows: [], total }
  const ids = page.map((p) => p.id)
  const rows = rowsOf<AdminUserRow>(
    await db.execute(sql`
      select u.id, u.phone, u.email, u.name, u.role, u.active, u.max_tier,
        to_char(u.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
        (select to_char(max(s.last_seen_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from sessions s where s.user_id = u.id) as last_seen_at,
        coalesce((select jsonb_object_agg(t.tier, t.n) from (select m.tier, count(*)::int as n from memories m where m.user_id = u.id and m.deleted_at is null group by m.tier) t), '{}'::jsonb) as by_tier,
        coalesce((select jsonb_object_agg(t.source, t.n) from (select m.source, count(*)::int as n from memories m where m.user_id = u.id and m.deleted_at is null group by m.source) t), '{}'::jsonb) as by_source
      from users u where u.id = any(${`{${ids.join(',')}}`}::uuid[])
      order by u.created_at desc, u.id desc`),
  )
  return { rows, total }
}

/** The ids of the active admins, their rows locked until the transaction ends. */
export async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true))).for('update')
  return rows.map((r) => r.id)
}

export async function countActiveAdmins(db: DbExecutor): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true)))
  return n
}

export interface DayCount {
  day: string
  key: string
  n: number
}

const DAY = sql.raw(`to_char(date_trunc('day', created_at at time zone 'UTC'), 'YYYY-MM-DD')`)

/** Memories created per day, grouped by a column (source, tier) or the classifier model's kind. */
export async function countCapturesByDay(db: DbExecutor, { from, to, by }: { from: Date; to: Date; by: 'source' | 'tier' | 'model' }): Promise<DayCount[]> {
  const key =
    by === 'model'
      ? sql.raw(`case when model is null then 'unknown' when model = 'user' then 'user' when model = 'marker' then 'user' when model like 'local%' then 'local' else 'remote' end`)
      : sql.raw(`${by}::text`)
  return rowsOf<DayCount>(
    await db.execute(sql`select ${DAY} as day, ${key} as key, count(*)::int as n from memories where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz group by 1, 2 order by 1, 2`),
  )
}

/** Distinct users per day who captured, searched or signed in. */
export async function countActiveUsersByDay(db: DbExecutor, { from, to }: { from: Date; to: Date }): Promise<DayCount[]> {
  return rowsOf<DayCount>(
    await db.execute(sql`
      select day, 'active' as key, count(distinct user_id)::int as n from (
        select ${DAY} as day, user_id from memories where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
        union all select ${DAY}, user_id from search_events where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
        union all select ${DAY}, user_id from access_log where user_id is not null and success and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
      ) a group by 1 order by 1`),
  )
}

/** Moves of a memory by its owner from one tier to another (the classifier's real errors). */
export async function countTierMovesByDay(db: DbExecutor, { from, to }: { from: Date; to: Date }): Promise<DayCount[]> {
  return rowsOf<DayCount>(
    await db.execute(sql`select ${DAY} as day, from_tier::text || '→' || to_tier::text as key, count(*)::int as n from corrections where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz group by 1, 2 order by 1, 2`),
  )
}

export interface SearchDay {
  day: string
  n: number
  p50: number
  p95: number
  p99: number
}

export async function summarizeSearchesByDay(db: DbExecutor, { from, to }: { from: Date; to: Date }): Promise<SearchDay[]> {
  return rowsOf<SearchDay>(
    await db.execute(sql`
      select ${DAY} as day, count(*)::int as n,
        round(percentile_cont(0.5) within group (order by duration_ms)::numeric, 1)::float8 as p50,
        round(percentile_cont(0.95) within group (order by duration_ms)::numeric, 1)::float8 as p95,
        round(percentile_cont(0.99) within group (order by duration_ms)::numeric, 1)::float8 as p99
      from search_events where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz group by 1 order by 1`),
  )
}

export async function insertSearchEvent(db: DbExecutor, values: { userId: string; durationMs: number; resultCount: number }): Promise<void> {
  await db.execute(sql`insert into search_events (user_id, duration_ms, result_count) values (${values.userId}, ${values.durationMs}, ${values.resultCount})`)
}

export interface TableSize {
  name: string
  bytes: number
  rows: number
}

export async function listLargestTables(db: DbExecutor, { limit }: { limit: number }): Promise<TableSize[]> {
  return rowsOf<TableSize>(
    await db.execute(sql`
      select c.relname as name, pg_total_relation_size(c.oid)::float8 as bytes, greatest(c.reltuples, 0)::float8 as rows
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by pg_total_relation_size(c.oid) desc limit ${limit}`),
  ).map((r) => ({ name: r.name, bytes: Number(r.bytes), rows: Number(r.rows) }))
}

export async function getDatabaseSize(db: DbExecutor): Promise<number> {
  const [row] = rowsOf<{ bytes: number | string }>(await db.execute(sql`select pg_database_size(current_database())::float8 as bytes`))
  return Number(row?.bytes ?? 0)
}

export async function listAppliedMigrations(db: DbExecutor): Promise<{ hash: string; created_at: number }[]> {
  return rowsOf<{ hash: string; created_at: number }>(await db.execute(sql`select hash, created_at::float8 as created_at from drizzle.__drizzle_migrations order by id`))
}

export interface AccessLogFilter {
  userId?: string
  action?: string
  success?: boolean
  minRisk?: number
  before?: number
  limit: number
}

export async function listAccessLogForAdmin(db: DbExecutor, f: AccessLogFilter): Promise<AccessLogEntry[]> {
  const where = and(
    f.userId ? eq(accessLog.userId, f.userId) : undefined,
    f.action ? ilike(accessLog.action, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    f.success === undefined ? undefined : eq(accessLog.success, f.success),
    f.minRisk === undefined ? undefined : gte(accessLog.riskScore, f.minRisk),
    f.before ? lt(accessLog.id, f.before) : undefined,
  )
  return db.select().from(accessLog).where(where).orderBy(desc(accessLog.id)).limit(f.limit)
}
