// The one database client of mnemo: embedded PGlite (with pgvector and pg_trgm) when no
// DATABASE_URL is set, postgres-js against a real PostgreSQL otherwise. Nothing else in the
// code base opens a connection; everything asks `getDb()` for the migrated, shared client.
import fs from 'node:fs'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import type { Sql, TransactionSql } from 'postgres'
import type { SQL } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema'

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbExecutor = Db | Tx

/** What running a statement needs: drizzle's `execute` (Db, Tx), or readStatementsAsUser's lean one. */
export interface StatementExecutor {
  execute(statement: SQL): Promise<unknown>
}

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres'
  db: Db
  /** A round trip to the database; throws when it is unreachable. */
  ping(timeoutMs?: number): Promise<void>
  /** Applies pending migrations (held under a lock so concurrent instances apply them once). */
  migrate(): Promise<void>
  /**
   * LISTEN on a channel: NOTIFY payloads sent by committed transactions reach `onNotify`. On
   * PostgreSQL one dedicated connection per process carries every channel and reconnects after
   * a drop; `onListen` runs each time listening is (re)established, so a caller can catch up on
   * what a drop made it miss. Resolves once listening, with the function that stops it.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>
  /**
   * Raw statements for a library that brings its own SQL (the job queue, pg-boss): `$n`
   * parameters, or several statements in one text when there are none. Not for mnemo's own SQL.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>
  close(): Promise<void>
  /** PGlite only: the data directory as a tarball (tests copy a migrated template this way). */
  dump?(): Promise<Blob>
}

export interface DatabaseOptions {
  /** postgres://… — when absent, the embedded PGlite is used. */
  url?: string
  /** Folder of the embedded database; `undefined` with no url means in memory. */
  dataDir?: string
  /** A PGlite data dump to start from (tests clone a migrated template this way). */
  loadDataDir?: Blob
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations')

/** Where mnemo keeps its embedded state (PGlite, master key, outbox). */
export function dataDirectory(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.MNEMO_DATA_DIR ?? '.data')
}

export class DatabaseConfigError extends Error {
  override name = 'DatabaseConfigError'
}

/** Opens a new client. Use `getDb()` in application code; this is for the CLI and tests. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url) : openPglite(options)
}

/** A transaction on a server's pool, as drizzle and as raw postgres-js (the same connection). */
export interface ServerTransaction {
  /** Drizzle in the transaction (without the schema: no db.query). */
  db: PgDatabase<PgQueryResultHKT>
  /** Raw statements in it, sent in the order they are made (`unsafe` prepares them unless DATABASE_PREPARE=0). */
  sql: TransactionSql
}

type RunTransaction = <T>(work: (tx: ServerTransaction) => Promise<T>, options?: { readOnly?: boolean }) => Promise<T>
const serverTransactions = new WeakMap<Db, RunTransaction>()

/**
 * Whether the client runs transactions at the same time (a server's connection pool). PGlite
 * runs one at a time: a transaction that waits for another one to finish never ends there.
 */
export function hasConcurrentTransactions(db: Db): boolean {
  return serverTransactions.has(db)
}

/**
 * A transaction on the client's pool (READ ONLY unless asked otherwise; null on PGlite, which
 * has no pool), handed to the work both as drizzle and as raw postgres-js. Statements made in
 * one turn of the event loop go to the server in one write and are answered in order, so the
 * work can send its settings with its first statement: a round trip fewer than awaiting each.
 */
export function serverTransaction(db: Db): RunTransaction | null {
  return serverTransactions.get(db) ?? null
}

/**
 * Drizzle asks postgres-js not to prepare its statements. Unprepared, a statement with
 * parameters costs two round trips (postgres-js first asks the server for the parameter
 * types) and is parsed again every time; prepared (named, kept per connection), it costs one
 * and is parsed once. mnemo's statements take every value as a parameter, and a list as one
 * (`anyOf` in db/any-of.ts, not `inArray`), so their texts come in a bounded number of shapes
 * and the per-connection cache stays small.
 * DATABASE_PREPARE=0 turns this off, for a pooler that cannot keep prepared statements.
 */
function preparing(client: Sql): Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters?: unknown[], options?: object) =>
          target.unsafe(query, parameters as never, { ...options, prepare: true })
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const work = args.pop() as (inner: Sql) => unknown
          const start = Reflect.get(target, property) as (...a: unknown[]) => unknown
          return start.apply(target, [...args, (inner: Sql) => work(preparing(inner))])
        }
      }
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

async function openPostgres(url: string): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres')
  const { drizzle } = await import('drizzle-orm/postgres-js')
  const { migrate } = await import('drizzle-orm/postgres-js/migrator')
  const options = {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    connect_timeout: Number(process.env.DATABASE_CONNECT_TIMEOUT ?? 5),
    onnotice: () => {},
    // A prepared statement would otherwise switch to a generic plan after five runs, made for
    // any values: there a function or cast of a parameter is computed again for every row, and
    // is not known to be LEAKPROOF, so under row level security it cannot be checked inside an
    // index (search written for custom plans was 5× slower so). Custom plans, as unprepared
    // statements get, are made for the values at hand. Search's tier-1 statements are written
    // for generic plans and ask for them (GENERIC_PLANS in lib/search/signals.ts).
    connection: { plan_cache_mode: 'force_custom_plan' },
  }
  const client = postgres(url, options)
  const prepare = process.env.DATABASE_PREPARE !== '0'
  const db = drizzle(prepare ? preparing(client) : client, { schema }) as unknown as Db
  serverTransactions.set(db, <T,>(work: (tx: ServerTransaction) => Promise<T>, { readOnly = true }: { readOnly?: boolean } = {}) =>
    client.begin(readOnly ? 'read only' : '', (tx) => {
      // Drizzle reads the pool's options (its type parsers) from the client it is given; drizzle()
      // without the schema, which it would extract anew each time (0.13 ms), for db.query alone.
      // (Drizzle uses a transaction's sql as it uses the pool, for `unsafe`, as its own transactions do.)
      const withOptions = new Proxy(tx, { get: (target, property, receiver) => (property === 'options' ? client.options : Reflect.get(target, property, receiver)) }) as unknown as Sql
      return work({ db: drizzle(prepare ? preparing(withOptions) : withOptions), sql: prepare ? (preparing(tx as unknown as Sql) as unknown as TransactionSql) : tx })
    }) as Promise<T>,
  )
  return {
    kind: 'postgres',
    db,
    async ping(timeoutMs = 3000) {
      await withTimeout(client`select 1`.execute(), timeoutMs, 'database did not answer')
    },
    async migrate() {
      // A dedicated single connection, so the advisory lock and the migrations share a session.
      const one = postgres(url, { ...options, max: 1 })
      try {
        await one`select pg_advisory_lock(hashtext('mnemo:migrate'))`
        await assertExtensionsAvailable((q) => one.unsafe(q) as unknown as Promise<unknown[]>)
        await migrate(drizzle(one, { schema }), { migrationsFolder: MIGRATIONS_FOLDER })
      } finally {
        await one.end({ timeout: 5 })
      }
    },
    async listen(channel, onNotify, onListen) {
      const { unlisten } = await client.listen(channel, onNotify, onListen)
      return unlisten
    },
    async executeSql(text, values) {
      // Unprepared: the queue's statements are many and varied.
      if (values?.length) return { rows: [...(await client.unsafe(text, values.map(asPgValue) as never[]))] }
      // Without parameters, a simple query: maybe a BEGIN … COMMIT block, which postgres-js only
      // runs on a connection of its own (and which must not go back to the pool still in a failed
      // transaction). Several statements answer with one result each.
      const reserved = await client.reserve()
      try {
        const result = (await reserved.unsafe(text)) as unknown as unknown[]
        return { rows: result.length > 0 && Array.isArray(result[0]) ? (result as unknown[][]).flat() : [...result] }
      } catch (error) {
        await reserved.unsafe('rollback').catch(() => {})
        throw error
      } finally {
        reserved.release()
      }
    },
    async close() {
      await client.end({ timeout: 5 })
    },
  }
}

/**
 * A parameter as node-postgres sends it, which is what the queue's SQL was written for: a date
 * as its ISO text, an object as JSON text (postgres-js would pick a form from the type the
 * server infers, and cannot make text of either).
 */
function asPgValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString()
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value)) return JSON.stringify(value)
  return value
}

async function openPglite(options: DatabaseOptions): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { vector } = await import('@electric-sql/pglite-pgvector')
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
  const { btree_gin } = await import('@electric-sql/pglite/contrib/btree_gin')
  const { pgcrypto } = await import('@electric-sql/pglite/contrib/pgcrypto')
  const { drizzle } = await import('drizzle-orm/pglite')
  const { migrate } = await import('drizzle-orm/pglite/migrator')

  const release = options.dataDir ? lockDataDir(options.dataDir) : () => {}
  let client: PGlite
  try {
    client = await PGlite.create(options.dataDir, {
      extensions: { vector, pg_trgm, btree_gin, pgcrypto },
      loadDataDir: options.loadDataDir,
    })
  } catch (error) {
    release()
    throw error
  }
  const db = drizzle(client, { schema }) as unknown as Db
  return {
    kind: 'pglite',
    db,
    async ping(timeoutMs = 3000) {
      await withTimeout(client.query('select 1'), timeoutMs, 'database did not answer')
    },
    async migrate() {
      // One PGlite serves one process, so no cross-process lock is needed beyond the folder lock.
      await migrate(drizzle(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER })
    },
    async listen(channel, onNotify, onListen) {
      // One PGlite is one backend in this process: its NOTIFY arrives at commit, like a server's.
      const unlisten = await client.listen(channel, onNotify)
      onListen?.()
      return () => unlisten()
    },
    async executeSql(text, values) {
      try {
        if (values?.length) return { rows: (await client.query(text, values)).rows }
        // Several statements (a BEGIN … COMMIT block): one result each, rows kept from all.
        return { rows: (await client.exec(text)).flatMap((result) => result.rows) }
      } catch (error) {
        // One connection for everything: a block that failed half-way must not leave it in an
        // aborted transaction for the next statement (PGlite runs no statement inside another's
        // transaction, so this ROLLBACK can only end the failed block's own).
        await client.query('ROLLBACK').catch(() => {})
        throw error
      }
    },
    async close() {
      await client.close()
      release()
    },
    async dump() {
      return client.dumpDataDir('none')
    },
  }
}

/**
 * PGlite has no locking of its own: two processes on one folder corrupt it. A lock file with
 * the owner's pid turns that into a clear error; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const lockPath = `${dataDir}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx', mode: 0o600 })
      const release = () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath)
        } catch {
          // already gone
        }
      }
      process.once('exit', release)
      return release
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = Number(fs.readFileSync(lockPath, 'utf8'))
      if (owner === process.pid) return () => {}
      if (isAlive(owner)) {
        throw new DatabaseConfigError(
          `The embedded database ${dataDir} is in use by another process (pid ${owner}). ` +
            'Stop that mnemo first, or set DATABASE_URL so several processes share a PostgreSQL server.',
        )
      }
      fs.unlinkSync(lockPath)
    }
  }
  throw new DatabaseConfigError(`Could not lock the embedded database ${dataDir}.`)
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Fails with a message that says how to install what is missing, before any DDL runs. */
export async function assertExtensionsAvailable(query: (sql: string) => Promise<unknown[]>) {
  const rows = (await query(
    "select name from pg_available_extensions where name in ('vector', 'pg_trgm', 'btree_gin', 'pgcrypto')",
  )) as { name: string }[]
  const have = new Set(rows.map((r) => r.name))
  if (!have.has('vector')) {
    throw new DatabaseConfigError(
      'The PostgreSQL server lacks the "vector" extension (pgvector). Install it on the server ' +
        '(Debian/Ubuntu: apt-get install postgresql-<major>-pgvector, or run scripts/setup-test-services.sh ' +
        'which builds it from source), then restart mnemo.',
    )
  }
  for (const name of ['pg_trgm', 'btree_gin', 'pgcrypto']) {
    if (!have.has(name)) {
      throw new DatabaseConfigError(
        `The PostgreSQL server lacks the "${name}" extension. Install the server's contrib package ` +
          '(Debian/Ubuntu: postgresql-contrib), then restart mnemo.',
      )
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

// One client per process, kept on globalThis so dev-mode reloads reuse it. A rejected start
// is not cached: the next call tries again.
interface DbGlobal {
  handle?: Promise<DatabaseHandle>
  migrated?: Promise<void>
}
const state = ((globalThis as { __mnemoDb?: DbGlobal }).__mnemoDb ??= {})

/** The configuration the running app uses, from the environment. */
export function databaseOptionsFromEnv(): DatabaseOptions {
  const url = process.env.DATABASE_URL?.trim()
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new DatabaseConfigError('DATABASE_URL must start with postgres:// or postgresql://')
    }
    return { url }
  }
  return { dataDir: path.join(dataDirectory(), 'pglite') }
}

/** The shared client, opened on first use (not migrated: see `getDb`). */
export function getDatabase(): Promise<DatabaseHandle> {
  if (!state.handle) {
    const opening = (async () => openDatabase(databaseOptionsFromEnv()))()
    state.handle = opening
    opening.catch(() => {
      if (state.handle === opening) state.handle = undefined
    })
  }
  return state.handle
}

/** Applies pending migrations once per process; a failure is retried on the next call. */
export function ensureMigrated(): Promise<void> {
  if (!state.migrated) {
    const running = getDatabase().then((handle) => handle.migrate())
    state.migrated = running
    running.catch(() => {
      if (state.migrated === running) state.migrated = undefined
    })
  }
  return state.migrated
}

/** The migrated drizzle client every request uses. */
export async function getDb(): Promise<Db> {
  await ensureMigrated()
  return (await getDatabase()).db
}

/** Tests install their own freshly migrated database as the process's client. */
export function installDatabase(handle: DatabaseHandle) {
  state.handle = Promise.resolve(handle)
  state.migrated = Promise.resolve()
}

/** Closes the shared client (tests, graceful shutdown). */
export async function closeDatabase() {
  const handle = state.handle
  state.handle = undefined
  state.migrated = undefined
  if (handle) await (await handle).close()
}

/** Rows of a raw `db.execute(sql…)` result, whichever driver answered it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[]
  return ((result as { rows?: T[] }).rows ?? []) as T[]
}
