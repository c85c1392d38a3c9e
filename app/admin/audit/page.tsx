import type { Metadata } from 'next'
import Link from 'next/link'
import { VerifyChain } from '@/components/admin/verify-chain'
import { listAudit } from '@/lib/admin'
import { requireAdminPage } from '@/lib/admin/page'
import { adminAuditQuerySchema } from '@/lib/admin/schema'
import { dateTime } from '@/lib/dates'

export const metadata: Metadata = { title: 'Audit' }

const input = 'rounded-lg border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-800'
const th = 'px-2 py-1 text-left font-medium'
const td = 'px-2 py-1'

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requireAdminPage()
  const raw = await searchParams
  const pick = (name: string) => (typeof raw[name] === 'string' && raw[name] ? (raw[name] as string) : undefined)
  const given = { user_id: pick('user_id'), action: pick('action'), success: pick('success'), min_risk: pick('min_risk'), before: pick('before'), limit: 50 }
  const parsed = adminAuditQuerySchema.safeParse(given)
  const query = parsed.success ? parsed.data : { limit: 50 }
  const { items, next_before } = await listAudit(principal.user.id, query)
  const next = next_before ? `/admin/audit?${new URLSearchParams(Object.entries({ ...given, limit: undefined, before: String(next_before) }).filter((e): e is [string, string] => typeof e[1] === 'string'))}` : null
  return (
    <>
      <h1 className="text-2xl font-bold">Audit</h1>
      <p className="text-sm">Every sign-in, unlock, read of a protected tier, export and admin action, across users. Each row is hash-chained to the one before it.</p>
      <VerifyChain />
      <form action="/admin/audit" className="flex flex-wrap items-end gap-3" aria-label="Filters">
        <label htmlFor="audit-user" className="flex flex-col text-sm font-medium">
          User id
          <input id="audit-user" name="user_id" defaultValue={given.user_id ?? ''} className={input} size={38} />
        </label>
        <label htmlFor="audit-action" className="flex flex-col text-sm font-medium">
          Action starts with
          <input id="audit-action" name="action" defaultValue={given.action ?? ''} className={input} />
        </label>
        <label htmlFor="audit-success" className="flex flex-col text-sm font-medium">
          Outcome
          <select id="audit-success" name="success" defaultValue={given.success ?? ''} className={input}>
            <option value="">any</option>
            <option value="true">succeeded</option>
            <option value="false">failed</option>
          </select>
        </label>
        <label htmlFor="audit-risk" className="flex flex-col text-sm font-medium">
          Risk at least
          <select id="audit-risk" name="min_risk" defaultValue={given.min_risk ?? ''} className={input}>
            <option value="">any</option>
            <option value="0.3">0.3</option>
            <option value="0.5">0.5</option>
            <option value="0.7">0.7 (alerts)</option>
          </select>
        </label>
        <button type="submit" className="rounded-lg bg-slate-900 px-4 py-2 font-medium text-white dark:bg-white dark:text-slate-900">
          Filter
        </button>
      </form>
      {!parsed.success && <p role="alert" className="text-sm text-red-800 dark:text-red-300">A filter was not valid and was ignored.</p>}
      <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0} role="region" aria-label="Access log">
        <table className="text-sm" data-testid="audit-rows">
          <caption className="sr-only">Access log rows, newest first</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>#</th>
              <th scope="col" className={th}>When</th>
              <th scope="col" className={th}>User</th>
              <th scope="col" className={th}>Action</th>
              <th scope="col" className={th}>Tier</th>
              <th scope="col" className={th}>Outcome</th>
              <th scope="col" className={th}>Risk</th>
              <th scope="col" className={th}>From</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id} className="border-t border-slate-200 dark:border-slate-700">
                <td className={`${td} tabular-nums`}>{r.id}</td>
                <td className={td}>{dateTime(r.created_at, principal.user.timezone)}</td>
                <td className={`${td} font-mono text-xs`}>{r.user_id ? <Link className="underline" href={`/admin/audit?user_id=${r.user_id}`}>{r.user_id.slice(0, 8)}</Link> : '—'}</td>
                <td className={td}>{r.action}</td>
                <td className={td}>{r.tier ?? '—'}</td>
                <td className={td}>{r.success ? 'succeeded' : 'failed'}</td>
                <td className={`${td} tabular-nums`}>{r.risk_score}</td>
                <td className={td}>{[r.device, r.ip].filter(Boolean).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length === 0 && <p className="text-sm">No row matches.</p>}
      {next && (
        <Link href={next} className="text-sm underline">
          Older rows
        </Link>
      )}
    </>
  )
}
