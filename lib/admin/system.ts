// The System page's figures: version, uptime, engine, database size and largest tables,
// migrations, process memory, error rate by route (from the metrics this process recorded),
// and the job queue (when lib/jobs has registered its admin face).
import fs from 'node:fs'
import path from 'node:path'
import { getDatabase, MIGRATIONS_FOLDER } from '@/db'
import { getDatabaseSize, listAppliedMigrations, listLargestTables } from '@/db/queries/admin'
import { assertAdmin } from '@/lib/accounts/admin'
import { metrics } from '@/lib/metrics'
import { version } from '@/lib/version'
import { queueStatus } from './queue'

function knownMigrations(): string[] {
  try {
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] }
    return journal.entries.map((e) => e.tag)
  } catch {
    return []
  }
}

/** Requests, 4xx and 5xx per route template since this process started. */
export async function routeErrorRates() {
  const { values } = await metrics().httpDuration.get()
  const byRoute = new Map<string, { requests: number; client_errors: number; server_errors: number }>()
  for (const v of values) {
    if (!String(v.metricName).endsWith('_count')) continue
    const route = `${v.labels.method} ${v.labels.route}`
    const entry = byRoute.get(route) ?? { requests: 0, client_errors: 0, server_errors: 0 }
    const status = Number(v.labels.status)
    entry.requests += v.value
    if (status >= 500) entry.server_errors += v.value
    else if (status >= 400) entry.client_errors += v.value
    byRoute.set(route, entry)
  }
  return [...byRoute.entries()]
    .map(([route, e]) => ({ route, ...e, error_rate: e.requests ? Math.round(((e.client_errors + e.server_errors) / e.requests) * 1000) / 1000 : 0 }))
    .sort((a, b) => b.server_errors - a.server_errors || b.error_rate - a.error_rate || b.requests - a.requests)
}

export async function systemStatus(actorId: string) {
  await assertAdmin(actorId)
  const handle = await getDatabase()
  const [bytes, tables, applied, routes, queue] = [
    await getDatabaseSize(handle.db),
    await listLargestTables(handle.db, { limit: 10 }),
    await listAppliedMigrations(handle.db),
    await routeErrorRates(),
    await queueStatus(),
  ]
  const known = knownMigrations()
  const memory = process.memoryUsage()
  return {
    version,
    node: process.version,
    uptime_seconds: Math.round(process.uptime()),
    engine: handle.kind,
    database_bytes: bytes,
    largest_tables: tables,
    migrations: { applied: applied.length, known: known.length, pending: known.slice(applied.length) },
    memory: { rss: memory.rss, heap_used: memory.heapUsed, heap_total: memory.heapTotal, external: memory.external },
    routes,
    queue,
  }
}
