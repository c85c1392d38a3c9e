// `column = any($1::type[])` in place of drizzle's `inArray` (`column in ($1, $2, …)`): a list
// of any length is one parameter, so a statement's text, and with it the statement postgres-js
// prepares and keeps per connection, does not change with the length of the list. With `in`,
// a search page of 1 to 100 ids alone made a hundred statements to prepare on every connection.
import { sql, type SQL } from 'drizzle-orm'
import type { PgColumn } from 'drizzle-orm/pg-core'

/** True where the column equals one of the values (none: false), as `inArray`. */
export function anyOf(column: PgColumn, values: readonly unknown[]): SQL {
  return sql`${column} = any(${sql.param(values)}::${sql.raw(column.getSQLType())}[])`
}
