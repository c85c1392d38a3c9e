import { expect, test } from '@playwright/test'
import { SignInPage } from './pages/auth'

const PHONE = '+14155550168'
const PASSWORD = 'walnut-comet-harbor-26'

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  expect((await request.post('/api/v1/auth/register', { data: { phone: PHONE, password: PASSWORD } })).status()).toBe(201)
  const token = (await (await request.post('/api/v1/auth/token', { data: { phone: PHONE, password: PASSWORD } })).json()).access_token as string
  const capture = async (content: string, tier: string) =>
    expect((await request.post('/api/v1/memories', { headers: { authorization: `Bearer ${token}` }, data: { content, tier } })).status()).toBe(201)
  for (let i = 1; i <= 15; i++) await capture(`note ${i} about the bakery on the corner`, 'general')
  await request.dispose()
})

test('the timeline opens at the newest memory before its JavaScript has run', async ({ browser }) => {
  // No service worker (it would serve the scripts from its cache, past the route below).
  const context = await browser.newContext({ serviceWorkers: 'block' })
  const page = await context.newPage()
  await new SignInPage(page).signIn(PHONE, PASSWORD)
  await expect(page).toHaveURL(/\/home$/)

  // A new tab (no scroll position to restore) without the app's scripts: only the page's own
  // inline script can have scrolled it.
  const tab = await context.newPage()
  let blocked = 0
  await tab.route('**/_next/static/chunks/*.js', (route) => {
    blocked++
    return route.abort()
  })
  await tab.goto('/home')
  expect(blocked).toBeGreaterThan(0)
  await expect(tab.getByTestId('memory')).toHaveCount(15)
  expect(await tab.evaluate(() => window.scrollY)).toBeGreaterThan(0)
  await expect(tab.getByTestId('memory').filter({ hasText: 'note 15 about' })).toBeInViewport()
  await expect(tab.getByTestId('memory').filter({ hasText: 'note 1 about' })).not.toBeInViewport()
  await context.close()
})

test('in a time zone and language other than the server’s, the pages hydrate without a mismatch', async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: 'Pacific/Auckland', locale: 'de-DE' })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()))
  page.on('pageerror', (error) => errors.push(String(error)))
  await new SignInPage(page).signIn(PHONE, PASSWORD)
  await expect(page).toHaveURL(/\/home$/)
  // The confidential tier is open after a password sign-in: the unlock bar shows until when.
  await expect(page.getByTestId('unlock-state')).toContainText('confidential: open until')
  await page.reload()
  await expect(page.getByTestId('memory')).toHaveCount(15)
  await page.goto('/search?q=bakery')
  await expect(page.getByTestId('search-hit').first()).toBeVisible()
  await page.getByTestId('search-hit').first().getByRole('link').click()
  await expect(page.getByRole('heading', { name: /^Why/ })).toBeVisible()
  await page.reload()
  await expect(page.getByRole('heading', { name: /^Why/ })).toBeVisible()
  // Settings lists sessions, tokens and the access log, each with dates.
  await page.goto('/settings')
  await expect(page.getByTestId('access-log')).toBeVisible()
  await page.reload()
  await expect(page.getByTestId('access-log')).toContainText('Sign-in')
  // React reports a mismatch between the server's HTML and the browser's render as an error.
  await page.waitForTimeout(500)
  expect(errors).toEqual([])
  await context.close()
})
