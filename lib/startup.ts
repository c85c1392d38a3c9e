// Server start-up: open the database and apply migrations, logging what to check on failure;
// train the local classifier before the first capture needs it; purge expired deletions.
import { logError } from '@/lib/log'
import { databaseOptionsFromEnv, ensureMigrated } from '@/db'

const HOUR = 3_600_000

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
  warmClassifier()
  schedulePurge()
  scheduleReembedding()
}

/** After a change of embedding model, embed the memories again in the background. */
function scheduleReembedding() {
  setTimeout(async () => {
    try {
      const { countStaleEmbeddings, currentEmbeddingModelId, reembedMemories } = await import('@/lib/embeddings/reembed')
      const stale = await countStaleEmbeddings()
      if (stale === 0) return
      console.log(`[mnemo] ${stale} memories were embedded by another model: re-embedding with ${currentEmbeddingModelId()}`)
      const progress = await reembedMemories()
      console.log(`[mnemo] re-embedded ${progress.updated} memories; ${progress.remaining} remain`)
    } catch (error) {
      logError('re-embedding (it resumes on the next start)', error)
    }
  }, 5_000).unref()
}

function warmClassifier() {
  setTimeout(async () => {
    try {
      const started = Date.now()
      const { localModel } = await import('@/lib/classify/local')
      const model = localModel()
      console.log(`[mnemo] local classifier trained on ${model.examples} examples in ${Date.now() - started} ms`)
    } catch (error) {
      logError('training the local classifier', error)
    }
  }, 0).unref()
}

/** Deleted memories are kept 30 days for undo; an hourly sweep removes older ones. */
function schedulePurge() {
  const sweep = async () => {
    try {
      const { purgeExpiredMemories } = await import('@/lib/memories')
      const purged = await purgeExpiredMemories()
      if (purged > 0) console.log(`[mnemo] purged ${purged} memories deleted over 30 days ago`)
    } catch (error) {
      logError('purging deleted memories', error)
    }
  }
  setTimeout(sweep, 60_000).unref()
  setInterval(sweep, HOUR).unref()
}
