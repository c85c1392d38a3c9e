// The app opened over plain http through an address that is not localhost, as a phone on the
// same Wi-Fi opens `npm run dev` or a home server: the page is not a secure context there, so
// crypto.randomUUID and WebCrypto's subtle API do not exist. A message sent from it is still
// saved; offline, it is refused in place (nothing waits on the device unsealed), never dropped.
import { expect, test, type Browser } from '@playwright/test'
import { TimelinePage } from './pages/timeline'

const port = Number(process.env.E2E_PORT ?? 3210)
// A made-up host name the browser resolves to this machine: any origin but localhost and
// 127.0.0.1 is an insecure one over http, exactly as a LAN address is.
const HOST = 'lan.mnemo.test'
const BASE = `http://${HOST}:${port}`
const PHONE = '+1 415 555 0127'
const PASSWORD = 'lan-address-otter-58'

let browser: Browser

test.beforeAll(async ({ playwright }) => {
  browser = await playwright.chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
  })
})

test.afterAll(async () => {
  await browser?.close()
})

test('a message sent through a LAN address over http is saved; offline it stays in the box', async () => {
  const context = await browser.newContext({ baseURL: BASE, viewport: { width: 390, height: 844 } })
  const page = await context.newPage()
  const failures: string[] = []
  page.on('pageerror', (error) => failures.push(error.message))

  await page.goto('/sign-up')
  expect(await page.evaluate(() => window.isSecureContext)).toBe(false)
  await page.getByLabel('Phone number').fill(PHONE)
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
  await page.getByLabel('Repeat the password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL(/\/home/)

  const timeline = new TimelinePage(page)
  await timeline.send('repotted the fern on the balcony')
  await expect(timeline.memory('repotted the fern').getByTestId('synced')).toHaveCount(1)
  const savedAt = Date.now()
  // A page rendered within 5 s of a change asks the server again once loaded (the live stream's
  // resync), and a refresh still in flight when the connection drops falls back to a full page
  // load, offline the browser's error page (components/timeline/use-online.ts). The page is
  // reloaded after that margin, so that nothing is in flight when the connection goes below.
  await page.waitForTimeout(Math.max(0, savedAt + 6_000 - Date.now()))
  await page.reload()
  await expect(timeline.memory('repotted the fern')).toHaveCount(1)

  // Offline for a while: the refused message stays in the box and the page stays the app, with
  // no reload into the browser's offline error.
  await context.setOffline(true)
  await expect(page.getByTestId('offline-notice')).toContainText('nothing can wait on the device')
  await timeline.box.fill('the spare bike lock code is under the mat')
  await timeline.box.press('Enter')
  await expect(page.getByText(/keeping messages offline needs a secure connection/i)).toBeVisible()
  await expect(timeline.box).toHaveValue('the spare bike lock code is under the mat')
  await page.waitForTimeout(16_000)
  await expect(timeline.memory('repotted the fern')).toHaveCount(1)
  await expect(timeline.box).toHaveValue('the spare bike lock code is under the mat')
  await context.setOffline(false)
  await page.screenshot({ path: '.data/screens/lan-address-offline-phone.png' })
  expect(failures).toEqual([])
  await context.close()
})
