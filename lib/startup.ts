// Server start-up: open the database and apply migrations, logging what to check on failure.
import { databaseOptionsFromEnv, ensureMigrated } from '@/db'

export async function startup() {
  let where = 'the database'
  try {
    const options = databaseOptionsFromEnv()
    where = options.url ? 'PostgreSQL (DATABASE_URL)' : `the embedded PGlite database at ${options.dataDir}`
    const started = Date.now()
    await ensureMigrated()
    console.log(`[mnemo] ${where} is ready (${Date.now() - started} ms)`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(
      `[mnemo] could not open or migrate ${where}: ${message.split('\n')[0]}\n` +
        '[mnemo] check that DATABASE_URL points at a running PostgreSQL >= 15 with the vector and ' +
        'pg_trgm extensions (or unset it to use the embedded database). Requests will retry; ' +
        'GET /api/health reports the state.',
    )
  }
}
