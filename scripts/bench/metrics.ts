// BENCH_METRICS=1 for an HTTP benchmark: the server gets a METRICS_TOKEN, and the benchmark
// scrapes /api/metrics before and after its run and prints how the main figures moved.
import { randomBytes } from 'node:crypto'

export const metricsToken = process.env.BENCH_METRICS === '1' ? randomBytes(18).toString('base64url') : undefined

export type Scrape = { text: string; ms: number }

export async function scrape(base: string): Promise<Scrape | undefined> {
  if (!metricsToken) return undefined
  const started = performance.now()
  const r = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })
  if (!r.ok) throw new Error(`/api/metrics answered ${r.status}`)
  const text = await r.text()
  return { text, ms: performance.now() - started }
}

/** The sum of a metric's samples whose labels include all of `labels`. */
export function sampleSum(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`)
  let total = 0
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue
    if (wanted.every((w) => line.includes(w))) total += Number(line.split(' ').at(-1))
  }
  return total
}

const FIGURES: [string, string, Record<string, string>?][] = [
  ['captures (all sources, tiers)', 'mnemo_captures_total'],
  ['POST /api/v1/memories 201', 'mnemo_http_request_duration_seconds_count', { route: '/api/v1/memories', status: '201' }],
  ['classifications', 'mnemo_classification_duration_seconds_count'],
  ['classification seconds (sum)', 'mnemo_classification_duration_seconds_sum'],
  ['request seconds, POST /api/v1/memories (sum)', 'mnemo_http_request_duration_seconds_sum', { route: '/api/v1/memories', method: 'POST' }],
  ['server RSS bytes', 'mnemo_process_resident_memory_bytes'],
  ['database bytes', 'mnemo_db_size_bytes'],
]

export function printMetricsDelta(before: Scrape | undefined, after: Scrape | undefined) {
  if (!before || !after) return
  console.log(`metrics: scrape took ${before.ms.toFixed(1)} ms before, ${after.ms.toFixed(1)} ms after (${(after.text.length / 1024).toFixed(0)} KB)`)
  for (const [label, name, labels] of FIGURES) {
    const a = sampleSum(before.text, name, labels)
    const b = sampleSum(after.text, name, labels)
    console.log(`metrics: ${label}: ${+a.toFixed(3)} → ${+b.toFixed(3)} (+${+(b - a).toFixed(3)})`)
  }
}
