import type { Metadata } from 'next'
import Link from 'next/link'
import { UserActions } from '@/components/admin/user-actions'
import { listUsers } from '@/lib/admin'
import { requireAdminPage } from '@/lib/admin/page'
import { adminUsersQuerySchema } from '@/lib/admin/schema'
import { dateTime } from '@/lib/dates'
import { TIERS } from '@/lib/tiers'

export const metadata: Metadata = { title: 'Users' }

const SOURCES = ['app', 'api', 'telegram', 'whatsapp', 'import'] as const
const PER_PAGE = 20

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requireAdminPage()
  const raw = await searchParams
  const parsed = adminUsersQuerySchema.safeParse({ q: typeof raw.q === 'string' ? raw.q : undefined, offset: typeof raw.offset === 'string' ? raw.offset : undefined, limit: PER_PAGE })
  const query = parsed.success ? parsed.data : { q: undefined, offset: 0, limit: PER_PAGE }
  const { items, total } = await listUsers(principal.user.id, query)
  const tz = principal.user.timezone
  const page = (offset: number) => `/admin/users?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), offset: String(offset) })}`
  return (
    <>
      <h1 className="text-2xl font-bold">Users</h1>
      <form role="search" action="/admin/users" className="flex flex-wrap items-end gap-2">
        <label htmlFor="user-search" className="flex flex-col text-sm font-medium">
          Phone, name or email
          <input id="user-search" name="q" defaultValue={query.q ?? ''} className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-base dark:border-slate-600 dark:bg-slate-800" />
        </label>
        <button type="submit" className="rounded-lg bg-slate-900 px-4 py-2 font-medium text-white dark:bg-white dark:text-slate-900">
          Search
        </button>
      </form>
      <p className="text-sm text-slate-700 dark:text-slate-300" role="status">
        {total === 0 ? 'No user matches.' : `${total} ${total === 1 ? 'user' : 'users'}; showing ${query.offset + 1}–${query.offset + items.length}.`} Counts only: an admin never sees what anyone wrote.
      </p>
      <ul className="flex flex-col gap-4" data-testid="admin-users">
        {items.map((u) => (
          <li key={u.id} className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3 dark:border-slate-700" data-testid="admin-user" data-phone={u.phone}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg font-semibold">
                {u.name ?? u.phone} {u.id === principal.user.id && <span className="text-sm font-normal">(you)</span>}
              </h2>
              <p className="flex flex-wrap gap-2 text-xs">
                <span className="rounded-full border border-slate-300 px-2 py-0.5 dark:border-slate-600">{u.role}</span>
                <span className={`rounded-full px-2 py-0.5 ${u.active ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200' : 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200'}`}>{u.active ? 'active' : 'deactivated'}</span>
                <span className="rounded-full border border-slate-300 px-2 py-0.5 dark:border-slate-600">max tier {u.max_tier}</span>
              </p>
            </div>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
              <dt className="text-slate-600 dark:text-slate-400">Phone</dt>
              <dd>{u.phone}</dd>
              <dt className="text-slate-600 dark:text-slate-400">Email</dt>
              <dd className="break-all">{u.email ?? '—'}</dd>
              <dt className="text-slate-600 dark:text-slate-400">Created</dt>
              <dd>{dateTime(u.created_at, tz)}</dd>
              <dt className="text-slate-600 dark:text-slate-400">Last seen</dt>
              <dd>{u.last_seen_at ? dateTime(u.last_seen_at, tz) : 'never'}</dd>
            </dl>
            <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0} role="region" aria-label={`Memories of ${u.name ?? u.phone}`}>
              <table className="text-sm">
                <caption className="sr-only">Memories of {u.name ?? u.phone} per tier and per source</caption>
                <thead>
                  <tr>
                    {TIERS.map((t) => (
                      <th key={t} scope="col" className="px-2 text-left font-medium">{t}</th>
                    ))}
                    {SOURCES.map((s) => (
                      <th key={s} scope="col" className="border-l border-slate-200 px-2 text-left font-medium dark:border-slate-700">{s}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    {TIERS.map((t) => (
                      <td key={t} className="px-2 tabular-nums">{u.memories_by_tier[t] ?? 0}</td>
                    ))}
                    {SOURCES.map((s) => (
                      <td key={s} className="border-l border-slate-200 px-2 tabular-nums dark:border-slate-700">{u.memories_by_source[s] ?? 0}</td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
            <UserActions user={{ id: u.id, phone: u.phone, label: u.name ?? u.phone, role: u.role, active: u.active, max_tier: u.max_tier, self: u.id === principal.user.id }} />
          </li>
        ))}
      </ul>
      <nav aria-label="Pages of users" className="flex gap-4 text-sm">
        {query.offset > 0 && <Link href={page(Math.max(0, query.offset - PER_PAGE))} className="underline">Previous page</Link>}
        {query.offset + items.length < total && <Link href={page(query.offset + PER_PAGE)} className="underline">Next page</Link>}
      </nav>
    </>
  )
}
