import type { NextConfig } from 'next'
import pkg from './package.json' with { type: 'json' }
import { STATIC_SECURITY_HEADERS } from './lib/http/security-headers'

const nextConfig: NextConfig = {
  // PGlite loads its WASM and extension bundles from its own package folder at run time;
  // bundling them would break those paths. postgres-js is kept external for the same reason, and
  // rate-limiter-flexible because it imports drizzle-orm by a computed name at run time.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-pgvector', 'postgres', 'rate-limiter-flexible'],
  env: { MNEMO_VERSION: pkg.version },
  poweredByHeader: false,
  // Every response; the per-request ones (CSP with its nonce, HSTS) are set in proxy.ts.
  async headers() {
    return [{ source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] }]
  },
}

export default nextConfig
