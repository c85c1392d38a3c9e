// `npm run db:migrate`: applies pending migrations to the configured database and exits.
import { closeDatabase, databaseOptionsFromEnv, ensureMigrated } from './index'

const target = databaseOptionsFromEnv()
const where = target.url ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${target.dataDir}`
try {
  const started = Date.now()
  await ensureMigrated()
  console.log(`[mnemo] migrations applied to ${where} in ${Date.now() - started} ms`)
  await closeDatabase()
} catch (error) {
  console.error(`[mnemo] migration of ${where} failed: ${(error as Error).message}`)
  await closeDatabase().catch(() => {})
  process.exit(1)
}
