import path from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Tests run server modules in plain Node, outside React's server condition, where the
      // `server-only` marker would throw: here it is the empty module it is on the server.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // tests/integration/server: what only a server engine has (connections to lose, a pool), run
    // when DATABASE_URL names one, as the second pass of .ci/run does.
    exclude: ['**/node_modules/**', ...(process.env.DATABASE_URL ? [] : ['tests/integration/server/**'])],
    globalSetup: ['tests/fixtures/global-setup.ts'],
    environment: 'node',
    // next-auth imports `next/server` without an extension, which only a bundler resolves.
    server: { deps: { inline: ['next-auth'] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file gets its own database; two workers fit 2 cores without thrashing PGlite.
    pool: 'forks',
    maxWorkers: 2,
  },
})
