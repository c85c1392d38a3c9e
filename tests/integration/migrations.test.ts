import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { assertExtensionsAvailable, DatabaseConfigError, openDatabase, rowsOf, type DatabaseHandle } from '@/db'
import { adminUrl, databaseUrlFor } from '../fixtures/server'

const EXPECTED_TABLES = [
  'access_log', 'api_tokens', 'auth_challenges', 'corrections', 'digests', 'email_confirmations', 'memories',
  'memory_connections', 'memory_terms', 'mnemo_secrets', 'notifications', 'passkeys', 'password_reset_tokens',
  'preference_history', 'rate_limits', 'search_events', 'sessions', 'tier_keys', 'users',
]

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

/** A brand-new empty database on the engine under test. */
async function emptyDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) return openDatabase({})
  const { default: postgres } = await import('postgres')
  const name = `mnemo_empty_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
  const admin = postgres(adminUrl(serverUrl), { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const handle = await openDatabase({ url: databaseUrlFor(serverUrl, name) })
  cleanups.push(async () => {
    await handle.close()
    await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.end()
  })
  return handle
}

describe('migrations', () => {
  it('apply from an empty database, then do nothing on a second run', async () => {
    const handle = await emptyDatabase()
    await handle.migrate()
    const tables = rowsOf<{ tablename: string; rowsecurity: boolean; forced: boolean }>(
      await handle.db.execute(sql`
        select t.tablename, t.rowsecurity, c.relforcerowsecurity as forced
        from pg_tables t join pg_class c on c.relname = t.tablename
        where t.schemaname = 'public' order by t.tablename`),
    )
    expect(tables.map((t) => t.tablename)).toEqual(EXPECTED_TABLES)
    const userOwned = tables.filter((t) => !['auth_challenges', 'mnemo_secrets', 'rate_limits'].includes(t.tablename))
    expect(userOwned.every((t) => t.rowsecurity && t.forced)).toBe(true)

    const applied = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    )[0].n
    await handle.migrate()
    const again = rowsOf<{ n: number }>(
      await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`),
    )[0].n
    expect(again).toBe(applied)
    if (!process.env.DATABASE_URL) await handle.close()
  })

  it('names the missing vector extension and how to install it', async () => {
    const query = async () => [{ name: 'pg_trgm' }, { name: 'btree_gin' }, { name: 'pgcrypto' }]
    await expect(assertExtensionsAvailable(query)).rejects.toThrow(DatabaseConfigError)
    await expect(assertExtensionsAvailable(query)).rejects.toThrow(/"vector" extension \(pgvector\).*Install/)
  })

  it('names a missing contrib extension', async () => {
    const query = async () => [{ name: 'vector' }, { name: 'btree_gin' }, { name: 'pgcrypto' }]
    await expect(assertExtensionsAvailable(query)).rejects.toThrow(/"pg_trgm" extension/)
  })
})

describe('the embedded database folder', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-lock-'))
  const dataDir = path.join(dir, 'nested', 'pglite')
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('is created with its parent on first open, and refuses a second live process', async () => {
    const first = await openDatabase({ dataDir })
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(true)
    await first.close()
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false)

    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'])
    try {
      fs.writeFileSync(`${dataDir}.lock`, String(other.pid))
      await expect(openDatabase({ dataDir })).rejects.toThrow(
        new RegExp(`in use by another process \\(pid ${other.pid}\\)`),
      )
    } finally {
      other.kill()
    }
  })

  it('takes over a lock left by a process that died', async () => {
    const dead = spawn(process.execPath, ['-e', ''])
    await new Promise((resolve) => dead.on('exit', resolve))
    fs.writeFileSync(`${dataDir}.lock`, String(dead.pid))
    const handle = await openDatabase({ dataDir })
    await handle.ping()
    await handle.close()
  })
})
