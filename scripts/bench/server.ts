// The production server (`next start`) for the benchmarks that measure through HTTP: started in a
// process group of its own, so that stopping it stops all of it. (Started through `npx`, the
// server outlived the benchmark: next-server renames its process and leaves its parent, so
// neither killing `npx` nor `pkill -f "next start"` reached it, and the benchmark, holding its
// output pipes, never exited.)
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

export interface BenchServer {
  process: ChildProcess
  base: string
  /** What the server printed so far. */
  log: () => string
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

/**
 * Starts `next start` on the port. BENCH_SERVER_NODE_ARGS adds options for the server's Node.js
 * (`--cpu-prof --cpu-prof-dir=…` to profile it under the benchmark's load; NODE_OPTIONS may not
 * carry those).
 */
export function startServer(port: number, env: Record<string, string>, { onInterrupt, cwd }: { onInterrupt?: () => void; cwd?: string } = {}): BenchServer {
  let log = ''
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  const child = spawn(process.execPath, [...nodeArgs, path.resolve('node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  child.stdout?.on('data', (d) => (log += d))
  child.stderr?.on('data', (d) => (log += d))
  const server = { process: child, base: `http://127.0.0.1:${port}`, log: () => log }
  // A group of its own does not get the terminal's Ctrl-C: an interrupted benchmark stops it.
  const interrupted = () => {
    signalServer(server, 'SIGKILL')
    onInterrupt?.()
    process.exit(130)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, interrupted)
  child.once('exit', () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, interrupted)
  })
  return server
}

/** Signals the server's whole process group, unless it has already exited. */
export function signalServer(server: BenchServer | undefined, signal: NodeJS.Signals) {
  const child = server?.process
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

/** Stops the server's process group and waits for it (killing it after 5 s). */
export async function stopServer(server: BenchServer | undefined) {
  const child = server?.process
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  signalServer(server, 'SIGTERM')
  const timer = setTimeout(() => signalServer(server, 'SIGKILL'), 5_000)
  await exited
  clearTimeout(timer)
}

/** Resolves with the milliseconds the server took to answer /api/health. */
export function waitHealthy(server: BenchServer, within = 90_000): Promise<number> {
  return waitFor(server, '/api/health', within)
}

/** Resolves with the milliseconds the server took to answer the path with a success. */
export async function waitFor(server: BenchServer, pathname: string, within = 90_000): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < within) {
    try {
      if ((await fetch(`${server.base}${pathname}`)).ok) return Date.now() - started
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the server did not become healthy:\n${server.log()}`)
}
