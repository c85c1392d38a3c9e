// The operator's pages: hidden (404) from everyone but an admin, usable on a phone and a
// desktop, axe clean, and every user action doing what it says.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { SignInPage, SignUpPage } from './pages/auth'

// Listed in MNEMO_ADMIN_PHONES (playwright.config.ts): an admin from sign-up on.
const ADMIN = { phone: '+1 415 555 0190', password: 'granite-heron-lantern-63', name: 'Olga Operator' }
const PLAIN = { phone: '+1 415 555 0191', password: 'copper-willow-meadow-48', name: 'Pim Plain' }
const PAGES = ['/admin', '/admin/users', '/admin/analytics', '/admin/system', '/admin/audit']
const SHOTS = process.env.E2E_SCREENSHOTS

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} [${v.impact}] ${v.nodes.length}×: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)
}

test('a non-admin gets 404 for every admin page and 403 forbidden:admin from the admin API', async ({ page }) => {
  // The admin first: on a fresh server the very first account would be an admin anyway.
  const admin = await page.request.post('/api/v1/auth/register', { data: { phone: ADMIN.phone, password: ADMIN.password, name: ADMIN.name } })
  expect(admin.status()).toBe(201)
  expect((await admin.json()).role).toBe('admin')
  await new SignUpPage(page).register(PLAIN)
  await expect(page).toHaveURL(/\/home$/, { timeout: 30_000 })
  await page.getByLabel('What do you want to remember?').fill('Pim’s secret garden gate code is 5521')
  await page.getByLabel('What do you want to remember?').press('Enter')
  await expect(page.getByTestId('memory')).toHaveCount(1, { timeout: 20_000 })
  for (const path of PAGES) {
    const response = await page.goto(path)
    expect(response?.status(), path).toBe(404)
    await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0)
  }
  const api = await page.request.get('/api/v1/admin/users')
  expect(api.status()).toBe(403)
  expect((await api.json()).error.code).toBe('forbidden:admin')
})

test('an admin manages users, reads analytics, system and audit, on desktop and phone', async ({ page }) => {
  test.setTimeout(180_000)
  await new SignInPage(page).signIn(ADMIN.phone, ADMIN.password)
  await expect(page).toHaveURL(/\/home$/, { timeout: 30_000 })
  await page.goto('/admin')
  await expect(page).toHaveURL(/\/admin\/users$/)
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible()

  await page.getByLabel('Phone, name or email').fill('Pim')
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  const pim = page.getByTestId('admin-user')
  await expect(pim).toHaveCount(1)
  await expect(pim).toContainText('Pim Plain')
  await expect(pim).not.toContainText('garden')
  expect(await seriousViolations(page), '/admin/users').toEqual([])

  await pim.getByRole('button', { name: 'Sign out everywhere: Pim Plain' }).click()
  await expect(pim.getByRole('status')).toContainText(/Signed out of \d+ session/)
  await pim.getByRole('combobox', { name: 'Highest tier' }).selectOption('2')
  await pim.getByRole('button', { name: 'Set the highest tier: Pim Plain' }).click()
  await expect(pim.getByRole('status')).toContainText('Highest tier set to level 2')
  await expect(pim).toContainText('max tier 2')
  await pim.getByRole('button', { name: 'Deactivate: Pim Plain' }).click()
  await expect(pim).toContainText('deactivated')
  await pim.getByRole('button', { name: 'Reactivate: Pim Plain' }).click()
  await expect(pim).toContainText('active')

  // An admin cannot deactivate or delete themselves here (the last-admin rule has its own tests:
  // which account is the instance's first admin depends on the specs that ran before).
  await page.goto('/admin/users?q=Olga')
  const me = page.getByTestId('admin-user')
  await expect(me).toContainText('(you)')
  await expect(me.getByRole('button', { name: /^Deactivate/ })).toHaveCount(0)
  await expect(me.getByText('Delete…')).toHaveCount(0)
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/admin-users-desktop.png`, fullPage: true })

  await page.goto('/admin/analytics?days=7')
  await expect(page.getByTestId('chart-captures-by-source')).toBeVisible()
  await expect(page.getByTestId('chart-search-latency')).toBeVisible()
  expect(await seriousViolations(page), '/admin/analytics').toEqual([])
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/admin-analytics-desktop.png`, fullPage: true })

  await page.goto('/admin/system')
  await expect(page.getByTestId('system-facts')).toContainText('PGlite')
  await expect(page.getByTestId('route-errors')).toBeVisible()
  expect(await seriousViolations(page), '/admin/system').toEqual([])

  await page.goto('/admin/audit?action=admin.user')
  await expect(page.getByTestId('audit-rows')).toContainText('admin.user.sign_out')
  await page.getByRole('button', { name: 'Verify the hash chain' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Chain intact' })).toBeVisible()
  expect(await seriousViolations(page), '/admin/audit').toEqual([])

  // A phone.
  await page.setViewportSize({ width: 390, height: 844 })
  for (const path of ['/admin/users', '/admin/analytics', '/admin/system', '/admin/audit']) {
    await page.goto(path)
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} fits a phone`).toBeLessThanOrEqual(390 + 1)
    expect(await seriousViolations(page), `${path} on a phone`).toEqual([])
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/admin${path.replace('/admin', '').replace('/', '-')}-phone.png`, fullPage: true })
  }

  // Delete, confirmed by the phone number typed out.
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('/admin/users?q=Pim')
  const row = page.getByTestId('admin-user')
  await row.getByText('Delete…').click()
  await row.getByLabel(/Type \+14155550191 to confirm/).fill('+14155550000')
  await row.getByRole('button', { name: 'Delete for good' }).click()
  await expect(row.getByRole('alert')).toContainText('Type the user’s phone number')
  await row.getByLabel(/Type \+14155550191 to confirm/).fill('+14155550191')
  await row.getByRole('button', { name: 'Delete for good' }).click()
  await expect(page.getByTestId('admin-user')).toHaveCount(0)
})

test('the API reference at /docs renders the OpenAPI document offline', async ({ page, context }) => {
  const outside: string[] = []
  page.on('request', (r) => {
    if (!r.url().startsWith('http://localhost')) outside.push(r.url())
  })
  await page.goto('/docs')
  await expect(page.getByText('mnemo API').first()).toBeVisible({ timeout: 20_000 })
  await expect(page.getByText('Health of the server').first()).toBeVisible()
  await page.getByRole('button', { name: 'Open Group - memories' }).click()
  await expect(page.getByText('Capture a memory').first()).toBeVisible()
  await expect(page.getByText('Developer Tools')).toHaveCount(0)
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/docs.png` })
  expect(outside).toEqual([])
  expect(context).toBeTruthy()
})
