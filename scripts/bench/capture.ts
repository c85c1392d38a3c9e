// npm run bench:capture — captures through the HTTP API of a production build (`next start`)
// on a fresh embedded database (or DATABASE_URL), with the local models: latency p50/p95 one
// at a time, then throughput with 16 concurrent clients, and the server's RSS. BENCH_METRICS=1
// also scrapes /api/metrics before and after and prints how its figures moved.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { percentile } from './data'
import { metricsToken, printMetricsDelta, scrape } from './metrics'
import { freePort, startServer, stopServer, waitHealthy } from './server'

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 300)
const CONCURRENT_TOTAL = Number(process.env.BENCH_TOTAL ?? 2000)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16)

const SAMPLES = [
  'Yesterday I went hiking with Tom near the lake',
  'I prefer aisle seats on long flights',
  'worried about my blood test results, call the clinic on monday',
  'the router password is Amber-Falcon-2291',
  'dinner with mom and dad on Sunday at 7pm',
  'book idea: a detective who only solves crimes by smell',
  'my salary went up to 68k, still behind on the car loan',
  'meeting with the design team moved to Thursday 10am',
]

if (!fs.existsSync('.next/BUILD_ID')) {
  console.log('[bench] no production build: run `npm run build` first')
  process.exit(1)
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-bench-'))
const server = startServer(
  Number(process.env.BENCH_PORT ?? (await freePort())),
  { MNEMO_DATA_DIR: dataDir, MNEMO_REGISTER_MAX_PER_IP: '1000', ...(metricsToken ? { METRICS_TOKEN: metricsToken } : {}) },
  { onInterrupt: () => fs.rmSync(dataDir, { recursive: true, force: true }) },
)
const BASE = server.base

async function post(pathname: string, body: unknown, token?: string) {
  const r = await fetch(`${BASE}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  if (!r.ok) throw new Error(`${pathname} answered ${r.status}: ${await r.text()}`)
  return r.json()
}

function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
  } catch {
    return NaN
  }
}

/** The server process is a child of `npx`: find the node process listening for us. */
function serverRss(): number {
  let best = 0
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      if (cmd.includes('next') && fs.readFileSync(`/proc/${pid}/environ`, 'utf8').includes(dataDir)) best = Math.max(best, rssOf(Number(pid)))
    } catch {
      // gone or not ours
    }
  }
  return best
}

try {
  const ready = await waitHealthy(server, 60_000)
  console.log(`server healthy after ${ready} ms (cold start on an empty database)`)
  await post('/api/v1/auth/register', { phone: '+14155550190', password: 'bench-marmot-violin-77' })
  const { access_token: token } = await post('/api/v1/auth/token', { phone: '+14155550190', password: 'bench-marmot-violin-77' })

  for (let i = 0; i < 30; i++) await post('/api/v1/memories', { content: `${SAMPLES[i % SAMPLES.length]} (warm-up ${i})` }, token)

  const before = await scrape(BASE)
  const latencies: number[] = []
  for (let i = 0; i < SEQUENTIAL; i++) {
    const started = performance.now()
    await post('/api/v1/memories', { content: `${SAMPLES[i % SAMPLES.length]} #${i}`, client_id: crypto.randomUUID() }, token)
    latencies.push(performance.now() - started)
  }
  latencies.sort((a, b) => a - b)
  console.log(`capture, one client, ${SEQUENTIAL} requests: p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`)

  let next = 0
  const concurrent: number[] = []
  let peakRss = 0
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, serverRss())), 250)
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < CONCURRENT_TOTAL) {
        const i = next++
        const t = performance.now()
        await post('/api/v1/memories', { content: `${SAMPLES[i % SAMPLES.length]} c${i}` }, token)
        concurrent.push(performance.now() - t)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  concurrent.sort((a, b) => a - b)
  console.log(
    `capture, ${CLIENTS} concurrent clients, ${CONCURRENT_TOTAL} requests: ${(CONCURRENT_TOTAL / seconds).toFixed(0)} memories/s, ` +
      `p50 ${percentile(concurrent, 50).toFixed(1)} ms, p95 ${percentile(concurrent, 95).toFixed(1)} ms; server RSS peak ${peakRss.toFixed(0)} MB`,
  )
  printMetricsDelta(before, await scrape(BASE))
} finally {
  await stopServer(server)
  fs.rmSync(dataDir, { recursive: true, force: true })
}
