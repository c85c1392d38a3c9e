// Figures about the database itself, read at metrics scrape time.
import { sql } from 'drizzle-orm'
import { rowsOf, type DbExecutor } from '../index'

/** The size of the current database in bytes. */
export async function getDatabaseSize(db: DbExecutor): Promise<number> {
  const [size] = rowsOf<{ bytes: string | number }>(await db.execute(sql`select pg_database_size(current_database()) as bytes`))
  return Number(size?.bytes ?? 0)
}

/** Connections to the current database, counted by state (pg_stat_activity). */
export async function countConnectionsByState(db: DbExecutor): Promise<{ state: string | null; n: string | number }[]> {
  return rowsOf<{ state: string | null; n: string | number }>(
    await db.execute(sql`select coalesce(state, 'unknown') as state, count(*) as n from pg_stat_activity where datname = current_database() group by 1`),
  )
}
