// Request work for one user: a transaction that sets `app.user_id`, signs it (`app.user_sig`,
// HMAC with a secret the application role cannot read) and drops to the non-superuser
// `mnemo_app` role, so Row Level Security confines every statement to that user's rows even
// when a query forgets its `where user_id = …`, and a statement that sets another user id
// (an injection, say) gets nothing, since it cannot sign it.
import 'server-only'
import { createHmac } from 'node:crypto'
import { sql, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import { retryTransaction } from './retry'
import { getDb, rowsOf, serverTransaction, type Db, type ServerTransaction, type StatementExecutor, type Tx } from './index'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// One secret per database; kept per client so tests with many databases each get theirs.
const secrets = new WeakMap<Db, Promise<Buffer>>()

function rlsSecret(db: Db): Promise<Buffer> {
  let secret = secrets.get(db)
  if (!secret) {
    secret = (async () => {
      const [row] = rowsOf<{ value: string }>(await db.execute(sql`select encode(value, 'hex') as value from mnemo_secrets where name = 'rls'`))
      if (!row) throw new Error('the RLS secret is missing: run the migrations')
      return Buffer.from(row.value, 'hex')
    })()
    secrets.set(db, secret)
    secret.catch(() => secrets.delete(db))
  }
  return secret
}

export interface WithUserOptions {
  db?: Db
  /** Settings for this transaction alone (SET LOCAL), set in the same round trip as the user. */
  settings?: Record<string, string>
}

function userSettings(userId: string, signature: string, settings: Record<string, string>) {
  // One statement: set_config('role', …, true) is SET LOCAL ROLE.
  const more = Object.entries(settings).map(([name, value]) => sql`, set_config(${name}, ${value}, true)`)
  return sql`select set_config('app.user_id', ${userId}, true), set_config('app.user_sig', ${signature}, true), set_config('role', 'mnemo_app', true)${sql.join(more)}`
}

async function signed(client: Db, userId: string): Promise<string> {
  if (!UUID.test(userId)) throw new TypeError('withUser needs a user id (uuid)')
  return createHmac('sha256', await rlsSecret(client)).update(userId).digest('hex')
}

export async function withUser<T>(userId: string, work: (tx: Tx) => Promise<T>, { db, settings = {} }: WithUserOptions = {}): Promise<T> {
  const client = db ?? (await getDb())
  const signature = await signed(client, userId)
  // A deadlock or serialization failure aborts the transaction: it runs again from its start.
  return retryTransaction(() =>
    client.transaction(async (tx) => {
      await tx.execute(userSettings(userId, signature, settings))
      return work(tx)
    }),
  )
}

const dialect = new PgDialect()

export interface ReadOptions extends WithUserOptions {
  /**
   * False for a read that may write on its way: opening a protected memory mid-rotation
   * rewraps its tier's data key under the new master key. Then COMMIT is still not waited for
   * (what is written on the way is done again by the next read if it is lost).
   */
  readOnly?: boolean
}

/**
 * withUser for a read that should not wait for its transaction: on a server, the user's
 * settings go to the database in the same write as the work's first statement, where withUser
 * spends a round trip on them; and the answer is handed over as soon as the work has it, with
 * the COMMIT (a read has nothing to commit) following on its own. On PGlite, which has no
 * round trips, it is withUser. Either way the transaction is READ ONLY unless asked otherwise:
 * a write in it fails.
 */
export async function readAsUser<T>(userId: string, work: (tx: Tx) => Promise<T>, options: ReadOptions = {}): Promise<T> {
  return read(userId, options, work, (tx) => tx.db as unknown as Tx)
}

/**
 * readAsUser for work that only runs statements: on a server they go straight to the driver,
 * prepared, without drizzle's own execute around each (0.1–0.15 ms of processor time a
 * statement on the benchmark machine, a tenth of a search's); on PGlite through drizzle.
 */
export async function readStatementsAsUser<T>(userId: string, work: (tx: StatementExecutor) => Promise<T>, options: ReadOptions = {}): Promise<T> {
  return read<T, StatementExecutor>(userId, options, work, (tx) => ({
    execute: (statement: SQL) => {
      const { sql: text, params } = dialect.sqlToQuery(statement)
      // Queued as it is made (execute()), in the order the work makes them.
      return tx.sql.unsafe(text, params as never[]).execute()
    },
  }))
}

async function read<T, E>(userId: string, { db, settings = {}, readOnly = true }: ReadOptions, work: (tx: E) => Promise<T>, executor: (tx: ServerTransaction) => E): Promise<T> {
  const client = db ?? (await getDb())
  const signature = await signed(client, userId)
  const onServer = serverTransaction(client)
  if (!onServer) {
    return withUser(
      userId,
      async (tx) => {
        if (readOnly) await tx.execute(sql`set transaction read only`)
        return work(tx as unknown as E)
      },
      { db: client, settings },
    )
  }
  const setup = dialect.sqlToQuery(userSettings(userId, signature, settings))
  return new Promise<T>((resolve, reject) => {
    onServer(async (tx) => {
      // A raw statement is queued as it is made, before anything the work sends (through
      // drizzle, a few microtasks later; raw, after it): the settings come first, and when they
      // fail, so does everything after them in the transaction.
      const setting = tx.sql.unsafe(setup.sql, setup.params as never[]).execute()
      const [, result] = await Promise.all([setting, work(executor(tx))])
      resolve(result)
      return result
    }, { readOnly }).catch(reject)
  })
}
