// `column = any($1::type[])` in place of drizzle's `inArray` (`column in ($1, $2, …)`): a list
// of any length is one parameter, so a statement's text, and with it the statement postgres-js
// prepares and keeps per connection, does not change with the length of the list. With `in`,
// a search page of 1 to 100 ids alone made a hundred statements to prepare on every connection.
import { sql, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'

/**
 * True where the column equals one of the values (none: false), as `inArray`. A list for an
 * enum column goes as text[] and is cast to the enum's array type there: PGlite writes an array
 * parameter by the type it knew when it opened, and an enum's array type created by migrations
 * in the same process (tier[] on a first start) would reach the database as "a,b", a malformed
 * array. Other lists go as the column's own array type.
 */
export function anyOf(column: PgColumn, values: readonly unknown[]): SQL {
  return sql`${column} = any(${list(column, values)})`
}

/**
 * The same, for a statement planned once for any values (a generic plan): there a cast of a
 * parameter is computed again for every row, and a cast is not LEAKPROOF, so under row level
 * security the condition could not be checked inside an index either. Here the list is cast
 * once, in a subquery, before the rows are read.
 */
export function anyOfOnce(column: PgColumn, values: readonly unknown[]): SQL {
  // (Cast again to be read as one array, not as a subquery's rows to compare with.)
  return sql`${column} = any((select ${list(column, values)})::${sql.raw(`${column.getSQLType()}[]`)})`
}

/** The list as one parameter of the column's array type (an enum's by way of text[]). */
function list(column: PgColumn, values: readonly unknown[]): SQL {
  const type = sql.raw(`${column.getSQLType()}[]`)
  const param = sql.param(values.map(String))
  return column.columnType.startsWith('PgEnum') ? sql`${param}::text[]::${type}` : sql`${param}::${type}`
}
