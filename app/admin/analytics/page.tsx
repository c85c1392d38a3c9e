import type { Metadata } from 'next'
import { Chart } from '@/components/admin/chart'
import { loadAnalytics, periodOf } from '@/lib/admin'
import { requireAdminPage } from '@/lib/admin/page'
import { analyticsQuerySchema } from '@/lib/admin/schema'

export const metadata: Metadata = { title: 'Analytics' }

const PERIODS = [7, 30, 90, 365]

export default async function AdminAnalyticsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const principal = await requireAdminPage()
  const raw = await searchParams
  const pick = (name: string) => (typeof raw[name] === 'string' && raw[name] ? (raw[name] as string) : undefined)
  const parsed = analyticsQuerySchema.safeParse({ from: pick('from'), to: pick('to'), days: pick('days') })
  const query = parsed.success ? parsed.data : {}
  const data = await loadAnalytics(principal.user.id, periodOf(query))
  return (
    <>
      <h1 className="text-2xl font-bold">Analytics</h1>
      <form action="/admin/analytics" className="flex flex-wrap items-end gap-3" aria-label="Period">
        <label htmlFor="period-days" className="flex flex-col text-sm font-medium">
          Last
          <select id="period-days" name="days" defaultValue={String(query.days ?? (query.from ? '' : 30))} className="rounded-lg border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-800">
            <option value="">custom</option>
            {PERIODS.map((d) => (
              <option key={d} value={d}>{d} days</option>
            ))}
          </select>
        </label>
        <label htmlFor="period-from" className="flex flex-col text-sm font-medium">
          From
          <input id="period-from" type="date" name="from" defaultValue={query.from?.slice(0, 10) ?? ''} className="rounded-lg border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-800" />
        </label>
        <label htmlFor="period-to" className="flex flex-col text-sm font-medium">
          To
          <input id="period-to" type="date" name="to" defaultValue={query.to?.slice(0, 10) ?? ''} className="rounded-lg border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-800" />
        </label>
        <button type="submit" className="rounded-lg bg-slate-900 px-4 py-2 font-medium text-white dark:bg-white dark:text-slate-900">
          Show
        </button>
      </form>
      <p className="text-sm" role="status">
        {data.from} to {data.to} (UTC days). {!parsed.success && 'The period given was not valid; showing the last 30 days.'}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        {data.series.map((s) => (
          <Chart key={s.id} {...s} days={data.days} />
        ))}
      </div>
    </>
  )
}
