import { defineConfig, devices } from '@playwright/test'

// End-to-end tests run against `next build && next start` with Debian's Chromium, on a fresh
// embedded database in .data/e2e (the build must exist: `npm run build`).
const port = Number(process.env.E2E_PORT ?? 3210)
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Per test. The longest walk through several pages (sign-up, capture, search, a passkey) takes
  // 20–35 s on a slow 2-core machine; each step still has expect's own 5 s.
  timeout: 60_000,
  reporter: process.env.CI ? 'list' : 'line',
  use: {
    // localhost, not 127.0.0.1: a passkey's relying-party id must be a host name.
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromium,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `rm -rf .data/e2e && npx next start -p ${port}`,
    url: `http://localhost:${port}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      MNEMO_DATA_DIR: '.data/e2e',
      DATABASE_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
      MNEMO_PUBLIC_URL: `http://localhost:${port}`,
      // Short unlock windows, so a test can watch a tier lock again.
      MNEMO_UNLOCK_MINUTES: '0.25',
      // Every spec signs up its own people from one address; the limit itself has its own tests.
      MNEMO_REGISTER_MAX_PER_IP: '100',
      // The admin of tests/e2e/admin.spec.ts, whichever spec signs up first.
      MNEMO_ADMIN_PHONES: '+14155550190',
    },
  },
})
