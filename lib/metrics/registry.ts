// The Prometheus registry of mnemo and every metric in it. Kept on globalThis so that dev-mode
// reloads reuse one registry (prom-client refuses a metric registered twice). No label ever
// carries user content or ids: routes are templates (`/api/v1/memories/[id]`), the rest are
// small closed sets (source, tier, model kind, outcome).
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

function create() {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'mnemo_' })
  return {
    registry,
    httpDuration: new Histogram({
      name: 'mnemo_http_request_duration_seconds',
      help: 'API request duration by route template, method and status.',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    captures: new Counter({
      name: 'mnemo_captures_total',
      help: 'Memories stored, by source and tier.',
      labelNames: ['source', 'tier'] as const,
      registers: [registry],
    }),
    classifyDuration: new Histogram({
      name: 'mnemo_classification_duration_seconds',
      help: 'Classification duration by the kind of model that answered (local, remote, marker).',
      labelNames: ['model'] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    searchDuration: new Histogram({
      name: 'mnemo_search_duration_seconds',
      help: 'Search duration, by whether unlocked protected tiers were searched too.',
      labelNames: ['protected'] as const,
      buckets: SECONDS,
      registers: [registry],
    }),
    remoteCalls: new Counter({
      name: 'mnemo_remote_model_calls_total',
      help: 'Calls to a remote model by use (classify, embed, digest) and outcome (ok, error, timeout, invalid).',
      labelNames: ['use', 'outcome'] as const,
      registers: [registry],
    }),
    fallbacks: new Counter({
      name: 'mnemo_model_fallbacks_total',
      help: 'Times the local model answered because the remote one failed, by use.',
      labelNames: ['use'] as const,
      registers: [registry],
    }),
    jobsDepth: new Gauge({
      name: 'mnemo_jobs_queue_depth',
      help: 'Jobs waiting or running, by queue and state.',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
    }),
    jobsFailed: new Gauge({
      name: 'mnemo_jobs_failed',
      help: 'Failed jobs kept by the queue, by queue.',
      labelNames: ['queue'] as const,
      registers: [registry],
    }),
    dbInfo: new Gauge({
      name: 'mnemo_db_info',
      help: 'The database engine in use (1 for the engine in use).',
      labelNames: ['engine'] as const,
      registers: [registry],
    }),
    dbPoolMax: new Gauge({
      name: 'mnemo_db_pool_max_connections',
      help: 'The configured connection pool size (1 for the embedded PGlite).',
      registers: [registry],
    }),
    dbConnections: new Gauge({
      name: 'mnemo_db_connections',
      help: "Connections to this database by state (PostgreSQL: pg_stat_activity, all instances; PGlite: its one backend).",
      labelNames: ['state'] as const,
      registers: [registry],
    }),
    dbSize: new Gauge({
      name: 'mnemo_db_size_bytes',
      help: 'Size of the database, measured at scrape time.',
      registers: [registry],
    }),
  }
}

export type Metrics = ReturnType<typeof create>

const holder = globalThis as { __mnemoMetrics?: Metrics }

export function metrics(): Metrics {
  return (holder.__mnemoMetrics ??= create())
}
