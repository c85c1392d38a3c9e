// Prometheus metrics: what the app records as it works (requests, captures, classification,
// search, remote model calls) and what is read at scrape time (database, job queue). The
// scrape is guarded by METRICS_TOKEN (see lib/metrics/auth.ts).
import { getDatabase } from '@/db'
import { countConnectionsByState, getDatabaseSize } from '@/db/queries/database-stats'
import { queueStats } from '@/lib/jobs'
import { metrics } from './registry'

export { metrics } from './registry'
export { assertMetricsAccess } from './auth'

export type ModelUse = 'classify' | 'embed' | 'digest'
export type RemoteOutcome = 'ok' | 'error' | 'timeout' | 'invalid'

/** Seconds since a `performance.now()` reading. */
export function secondsSince(started: number): number {
  return (performance.now() - started) / 1000
}

export function observeRequest({ method, route, status, seconds }: { method: string; route: string; status: number; seconds: number }) {
  metrics().httpDuration.observe({ method, route, status: String(status) }, seconds)
}

export function countCapture({ source, tier }: { source: string; tier: string }) {
  metrics().captures.inc({ source, tier })
}

/** The kind of model behind a classification's `model` field (never the configured name). */
export function modelKind(model: string): 'local' | 'remote' | 'marker' | 'user' {
  if (model === 'marker' || model === 'user') return model
  return model.startsWith('local') ? 'local' : 'remote'
}

export function observeClassification({ model, seconds }: { model: string; seconds: number }) {
  metrics().classifyDuration.observe({ model: modelKind(model) }, seconds)
}

export function observeSearch({ protectedTiers, seconds }: { protectedTiers: boolean; seconds: number }) {
  metrics().searchDuration.observe({ protected: protectedTiers ? 'yes' : 'no' }, seconds)
}

export function countRemoteCall(use: ModelUse, outcome: RemoteOutcome) {
  metrics().remoteCalls.inc({ use, outcome })
  if (outcome !== 'ok') metrics().fallbacks.inc({ use })
}

async function collectDatabase() {
  const m = metrics()
  const handle = await getDatabase()
  m.dbInfo.reset()
  m.dbInfo.set({ engine: handle.kind }, 1)
  m.dbPoolMax.set(handle.kind === 'postgres' ? Number(process.env.DATABASE_POOL_SIZE ?? 10) : 1)
  m.dbSize.set(await getDatabaseSize(handle.db))
  m.dbConnections.reset()
  if (handle.kind === 'pglite') {
    m.dbConnections.set({ state: 'active' }, 1)
    return
  }
  const rows = await countConnectionsByState(handle.db)
  for (const row of rows) m.dbConnections.set({ state: String(row.state).replace(/[^a-z ]/gi, '').slice(0, 32) || 'unknown' }, Number(row.n))
}

async function collectQueue() {
  const m = metrics()
  const stats = await queueStats()
  m.jobsDepth.reset()
  m.jobsFailed.reset()
  for (const q of stats) {
    m.jobsDepth.set({ queue: q.name, state: 'queued' }, q.queued)
    m.jobsDepth.set({ queue: q.name, state: 'active' }, q.active)
    m.jobsFailed.set({ queue: q.name }, q.failed)
  }
}

/** The Prometheus text exposition, with the scrape-time figures freshly read. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  // A figure that cannot be read now is left out of this scrape rather than failing it.
  await Promise.allSettled([collectDatabase(), collectQueue()])
  const { registry } = metrics()
  return { body: await registry.metrics(), contentType: registry.contentType }
}
