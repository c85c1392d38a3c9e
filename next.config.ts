import os from 'node:os'
import type { NextConfig } from 'next'
import pkg from './package.json' with { type: 'json' }
import { STATIC_SECURITY_HEADERS } from './lib/http/security-headers'

/**
 * Every address `next dev` can be opened through: it refuses its dev resources (the hot-reload
 * socket, server actions' chunks) to an origin not listed, and a page opened through 127.0.0.1
 * or the LAN address (a phone on the same Wi-Fi) renders but never posts what is typed in it.
 */
function devOrigins(): string[] {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .flatMap((entry) => (entry ? [entry.family === 'IPv6' ? `[${entry.address}]` : entry.address] : []))
  return [...new Set(['localhost', '127.0.0.1', '[::1]', os.hostname(), ...addresses])]
}

const nextConfig: NextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder at run time;
  // bundling them would break those paths. postgres-js is kept external for the same reason,
  // rate-limiter-flexible because it imports drizzle-orm by a computed name at run time, and
  // pg-boss because it reads its own package.json at run time.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-pgvector', 'postgres', 'rate-limiter-flexible', 'pg-boss'],
  env: { MNEMO_VERSION: pkg.version },
  poweredByHeader: false,
  allowedDevOrigins: devOrigins(),
  // Every response; the per-request ones (CSP with its nonce, HSTS) are set in proxy.ts.
  async headers() {
    return [{ source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] }]
  },
}

export default nextConfig
