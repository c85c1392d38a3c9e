// Server start-up: open the database and apply migrations, logging what to check on failure;
// train the local classifier before the first capture needs it; start the job queue's workers.
import { databaseOptionsFromEnv, ensureMigrated } from '@/db'

export async function startup() {
  if (process.env.MNEMO_ENV === 'production' && !process.env.MNEMO_MASTER_KEY?.trim()) {
    console.error('[mnemo] MNEMO_ENV=production needs MNEMO_MASTER_KEY (32 bytes, base64: openssl rand -base64 32). Refusing to start.')
    process.exit(1)
  }
  let where = 'the database'
  try {
    const options = databaseOptionsFromEnv()
    where = options.url ? 'PostgreSQL (DATABASE_URL)' : `the embedded PGlite database at ${options.dataDir}`
    const started = Date.now()
    await ensureMigrated()
    console.log(`[mnemo] ${where} is ready (${Date.now() - started} ms)`)
    const { checkMasterKey } = await import('@/lib/crypto/check')
    const keyProblem = await checkMasterKey()
    if (keyProblem) console.error(`[mnemo] ${keyProblem}. Protected memories cannot be read or written until this is fixed.`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    console.error(
      `[mnemo] could not open or migrate ${where}: ${message.split('\n')[0]}\n` +
        '[mnemo] check that DATABASE_URL points at a running PostgreSQL >= 15 with the vector and ' +
        'pg_trgm extensions (or unset it to use the embedded database). Requests will retry; ' +
        'GET /api/health reports the state.',
    )
  }
  void warmClassifier()
  await startJobs()
}

/** The background work (purge, re-embedding, after-capture) runs as jobs of the queue. */
async function startJobs() {
  try {
    const { startWorkers } = await import('@/lib/jobs/workers')
    await startWorkers()
  } catch (error) {
    console.error(
      `[mnemo] the job queue did not start: ${error instanceof Error ? error.message.split('\n')[0] : error}. ` +
        'Captures start it again; GET /api/health reports the state.',
    )
  }
}

/** Trains the local classifier now rather than on the first capture (a plain call, not awaited). */
async function warmClassifier() {
  try {
    const started = Date.now()
    const { localModel } = await import('@/lib/classify/local')
    const model = localModel()
    console.log(`[mnemo] local classifier trained on ${model.examples} examples in ${Date.now() - started} ms`)
  } catch (error) {
    console.error('[mnemo] could not train the local classifier:', error instanceof Error ? error.message : error)
  }
}
