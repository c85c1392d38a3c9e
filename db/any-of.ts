// `column = any($1::type[])` in place of drizzle's `inArray` (`column in ($1, $2, …)`): a list
// of any length is one parameter, so a statement's text, and with it the statement postgres-js
// prepares and keeps per connection, does not change with the length of the list. With `in`,
// a search page of 1 to 100 ids alone made a hundred statements to prepare on every connection.
import { sql, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'

/**
 * True where the column equals one of the values (none: false), as `inArray`. The list goes as
 * text[] and is cast to the column's type there: PGlite writes an array parameter by the type
 * it knew when it opened, and an enum's array type created by migrations in the same process
 * (tier[] on a first start) would reach the database as "a,b", a malformed array.
 */
export function anyOf(column: PgColumn, values: readonly unknown[]): SQL {
  return sql`${column} = any(${sql.param(values.map(String))}::text[]::${sql.raw(column.getSQLType())}[])`
}
