import type { Metadata } from 'next'
import { FailedJobs } from '@/components/admin/failed-jobs'
import { systemStatus } from '@/lib/admin'
import { requireAdminPage } from '@/lib/admin/page'

export const metadata: Metadata = { title: 'System' }

function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let i = 0
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024
    i++
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`
}

function duration(seconds: number): string {
  const d = Math.floor(seconds / 86_400)
  const h = Math.floor((seconds % 86_400) / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  return [d && `${d} d`, h && `${h} h`, `${m} min`].filter(Boolean).join(' ')
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-2">
      <h2 id={id} className="text-xl font-semibold">{title}</h2>
      {children}
    </section>
  )
}

const th = 'px-2 py-1 text-left font-medium'
const td = 'px-2 py-1 tabular-nums'

export default async function AdminSystemPage() {
  const principal = await requireAdminPage()
  const s = await systemStatus(principal.user.id)
  return (
    <>
      <h1 className="text-2xl font-bold">System</h1>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4" data-testid="system-facts">
        <dt className="text-slate-600 dark:text-slate-400">Version</dt>
        <dd>{s.version}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Node.js</dt>
        <dd>{s.node}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Uptime</dt>
        <dd>{duration(s.uptime_seconds)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Database engine</dt>
        <dd>{s.engine === 'pglite' ? 'PGlite (embedded)' : 'PostgreSQL'}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Database size</dt>
        <dd>{bytes(s.database_bytes)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Migrations</dt>
        <dd>
          {s.migrations.applied} applied of {s.migrations.known}
          {s.migrations.pending.length > 0 && ` (pending: ${s.migrations.pending.join(', ')})`}
        </dd>
        <dt className="text-slate-600 dark:text-slate-400">Process memory (RSS)</dt>
        <dd>{bytes(s.memory.rss)}</dd>
        <dt className="text-slate-600 dark:text-slate-400">Heap used / total</dt>
        <dd>
          {bytes(s.memory.heap_used)} / {bytes(s.memory.heap_total)}
        </dd>
      </dl>
      <Section id="tables" title="Largest tables">
        <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0} role="region" aria-label="Largest tables">
          <table className="text-sm">
            <thead>
              <tr><th scope="col" className={th}>Table</th><th scope="col" className={th}>Size</th><th scope="col" className={th}>Rows (estimate)</th></tr>
            </thead>
            <tbody>
              {s.largest_tables.map((t) => (
                <tr key={t.name}><th scope="row" className={`${th} font-normal`}>{t.name}</th><td className={td}>{bytes(t.bytes)}</td><td className={td}>{t.rows}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
      <Section id="queue" title="Job queue">
        {!s.queue.available ? (
          <p className="text-sm">The job queue is not running{s.queue.reason ? `: ${s.queue.reason}` : '.'}</p>
        ) : (
          <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0} role="region" aria-label="Job queues">
            <table className="text-sm">
              <thead>
                <tr><th scope="col" className={th}>Queue</th><th scope="col" className={th}>Waiting and running</th><th scope="col" className={th}>Failed</th></tr>
              </thead>
              <tbody>
                {s.queue.queues.map((q) => (
                  <tr key={q.name}>
                    <th scope="row" className={`${th} font-normal`}>{q.name}</th>
                    <td className={td}>{Object.entries(q.states).map(([k, v]) => `${k} ${v}`).join(', ') || '0'}</td>
                    <td className={td}>{q.failed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section id="failed-jobs-title" title="Failed jobs">
        <FailedJobs jobs={s.queue.failed} />
      </Section>
      <Section id="errors" title="Error rate by route (since this process started)">
        {s.routes.length === 0 ? (
          <p className="text-sm">No API request yet.</p>
        ) : (
          <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0} role="region" aria-label="Error rate by route">
            <table className="text-sm" data-testid="route-errors">
              <thead>
                <tr><th scope="col" className={th}>Route</th><th scope="col" className={th}>Requests</th><th scope="col" className={th}>4xx</th><th scope="col" className={th}>5xx</th><th scope="col" className={th}>Error rate</th></tr>
              </thead>
              <tbody>
                {s.routes.map((r) => (
                  <tr key={r.route}>
                    <th scope="row" className={`${th} font-normal break-all`}>{r.route}</th>
                    <td className={td}>{r.requests}</td>
                    <td className={td}>{r.client_errors}</td>
                    <td className={td}>{r.server_errors}</td>
                    <td className={td}>{(r.error_rate * 100).toFixed(1)} %</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  )
}
