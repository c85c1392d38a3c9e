// The columns a tier-1 hit is shown with, read by the statements that find it: each signal's
// list comes back with its rows, so the page needs no statement (and no round trip) of its own.
import { getTableColumns, sql, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { memories } from '@/db/schema'
import type { MemoryRow } from '@/lib/memories/serialize'

// Neither the vector nor the tsvector: reading them back as text costs more than the rest of the row.
const { embedding: _vector, searchVector: _tsvector, ...HIT_COLUMNS } = getTableColumns(memories)
const HIT_ENTRIES = Object.entries(HIT_COLUMNS)

/**
 * The select list of a hit's columns, each under its row key: its text made once (made anew in
 * every statement, as drizzle does, it cost more than the rest of the statement).
 */
export const hitColumns: SQL = sql.raw(
  new PgDialect().sqlToQuery(sql.join(HIT_ENTRIES.map(([key, column]) => sql`${column} as ${sql.identifier(key)}`), sql`, `)).sql,
)

/** A row of hitColumns as the driver hands it over (its id and the rest, keyed as MemoryRow's). */
export type RawHit = Record<string, unknown> & { id: string }

/** A row of hitColumns as drizzle would have read it (dates as dates, and so on). */
export function hitRow(raw: Record<string, unknown>): MemoryRow {
  const row: Record<string, unknown> = {}
  for (const [key, column] of HIT_ENTRIES) {
    const value = raw[key]
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value)
  }
  return row as MemoryRow
}
