// Analytics for the admin, as series of figures per day over a period. Each series is an entry
// of SERIES: a later feature (digest deliveries, chat channels, backups) adds its own entry
// here and the page draws it with the others, without changes to the page.
import { getDb, type DbExecutor } from '@/db'
import { countActiveUsersByDay, countCapturesByDay, countTierMovesByDay, summarizeSearchesByDay, type DayCount, type SearchDay } from '@/db/queries/admin'
import { assertAdmin } from '@/lib/accounts/admin'
import { MAX_DATE, MIN_DATE } from '@/lib/http/input'

export interface Period {
  from: Date
  /** Exclusive. */
  to: Date
}

export interface SeriesData {
  keys: string[]
  /** One figure per day of the period, per key. */
  values: Record<string, number[]>
}

export interface AnalyticsSeries {
  id: string
  title: string
  description: string
  unit: string
  /** stacked: bars whose parts add up (counts); lines: independent figures (latencies). */
  kind: 'stacked' | 'lines'
  /** `searches` reads the per-day search summary once per request, for the two series that chart it. */
  load(db: DbExecutor, period: Period, days: string[], searches: () => Promise<SearchDay[]>): Promise<SeriesData>
}

function pivot(rows: DayCount[], days: string[], keys?: string[]): SeriesData {
  const index = new Map(days.map((d, i) => [d, i]))
  const found = keys ?? [...new Set(rows.map((r) => r.key))].sort()
  const values = Object.fromEntries(found.map((k) => [k, days.map(() => 0)]))
  for (const r of rows) {
    const i = index.get(r.day)
    if (i !== undefined && values[r.key]) values[r.key][i] = Number(r.n)
  }
  return { keys: found, values }
}

export const SERIES: AnalyticsSeries[] = [
  {
    id: 'captures-by-source',
    title: 'Captures per day by source',
    description: 'Memories stored each day, by where they came from.',
    unit: 'memories',
    kind: 'stacked',
    load: async (db, p, days) => pivot(await countCapturesByDay(db, { ...p, by: 'source' }), days),
  },
  {
    id: 'captures-by-tier',
    title: 'Captures per day by tier',
    description: 'Memories stored each day, by the tier they landed in.',
    unit: 'memories',
    kind: 'stacked',
    load: async (db, p, days) => pivot(await countCapturesByDay(db, { ...p, by: 'tier' }), days),
  },
  {
    id: 'active-users',
    title: 'Active users per day',
    description: 'People who captured, searched or signed in that day.',
    unit: 'users',
    kind: 'lines',
    load: async (db, p, days) => pivot(await countActiveUsersByDay(db, p), days, ['active']),
  },
  {
    id: 'classifier-models',
    title: 'Classifier model mix',
    description: 'Which model decided the tier: the local one, a remote LLM, or the user (a chosen tier or a #marker).',
    unit: 'memories',
    kind: 'stacked',
    load: async (db, p, days) => pivot(await countCapturesByDay(db, { ...p, by: 'model' }), days),
  },
  {
    id: 'tier-moves',
    title: 'Memories moved to another tier',
    description: 'Moves by their owners, from → to: the classifier’s real errors.',
    unit: 'moves',
    kind: 'stacked',
    load: async (db, p, days) => pivot(await countTierMovesByDay(db, p), days),
  },
  {
    id: 'searches',
    title: 'Searches per day',
    description: 'Searches run (their words are never recorded).',
    unit: 'searches',
    kind: 'stacked',
    load: async (_db, _p, days, searches) => {
      const rows = await searches()
      return pivot(rows.map((r) => ({ day: r.day, key: 'searches', n: r.n })), days, ['searches'])
    },
  },
  {
    id: 'search-latency',
    title: 'Search latency',
    description: 'Percentiles of the time a search took on the server, per day.',
    unit: 'ms',
    kind: 'lines',
    load: async (_db, _p, days, searches) => {
      const rows = await searches()
      const flat = rows.flatMap((r) => (['p50', 'p95', 'p99'] as const).map((k) => ({ day: r.day, key: k, n: r[k] })))
      return pivot(flat, days, ['p50', 'p95', 'p99'])
    },
  },
]

const DAY_MS = 86_400_000

/** The period asked for: `days` back from today (default 30), or from/to (inclusive days, UTC). */
export function periodOf({ from, to, days }: { from?: string; to?: string; days?: number }, now = new Date()): Period {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  // Within the years 0001..9999 (what both engines store): the day after 9999-12-31 is not.
  const lastDay = Date.parse('9999-12-31')
  const end = Math.min(to ? Date.parse(to.slice(0, 10)) : today, lastDay) + DAY_MS
  const start = from ? Date.parse(from.slice(0, 10)) : end - (days ?? 30) * DAY_MS
  const clampedStart = Math.max(start, end - 366 * DAY_MS, MIN_DATE)
  return { from: new Date(Math.min(clampedStart, end - DAY_MS)), to: new Date(Math.min(end, MAX_DATE)) }
}

export function daysOf({ from, to }: Period): string[] {
  const out: string[] = []
  for (let t = from.getTime(); t < to.getTime(); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10))
  return out
}

export async function loadAnalytics(actorId: string, period: Period) {
  await assertAdmin(actorId)
  const db = await getDb()
  const days = daysOf(period)
  const series = []
  let searchDays: Promise<SearchDay[]> | undefined
  const searches = () => (searchDays ??= summarizeSearchesByDay(db, period))
  // One after another: PGlite runs one statement at a time anyway, and a server's pool is shared.
  for (const s of SERIES) series.push({ id: s.id, title: s.title, description: s.description, unit: s.unit, kind: s.kind, ...(await s.load(db, period, days, searches)) })
  return { from: days[0], to: days.at(-1)!, days, series }
}
