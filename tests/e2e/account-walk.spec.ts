import { expect, test } from '@playwright/test'
import { SettingsPage, SignUpPage } from './pages/auth'
import { DESKTOP, PHONE, TimelinePage } from './pages/timeline'

const PASSWORD = 'pebble-orchard-falcon-91'

test('sign-up names every mistake at once and keeps what was typed (phone)', async ({ page }) => {
  await page.setViewportSize(PHONE)
  await page.goto('/sign-up')
  await page.getByLabel('Phone number').fill('555-12')
  await page.getByLabel('Name (optional)').fill('Ines')
  await page.getByLabel('Email (optional, for password resets)').fill('ines@')
  await page.getByLabel('Password', { exact: true }).fill('abc')
  await page.getByLabel('Repeat the password').fill('abd')
  await page.getByLabel('Time zone').fill('Mars/Base')
  await page.getByRole('button', { name: 'Create account' }).click()
  for (const [label, text] of [
    ['Phone number', /international form/],
    ['Email (optional, for password resets)', /valid email/],
    ['Password', /at least/i],
    ['Repeat the password', /Does not match/],
    ['Time zone', /time zone/],
  ] as const) {
    await expect(page.getByLabel(label, { exact: true })).toHaveAttribute('aria-invalid', 'true')
    await expect(page.locator(`#${await page.getByLabel(label, { exact: true }).getAttribute('id')}-error`)).toContainText(text)
  }
  await expect(page.getByLabel('Phone number')).toHaveValue('555-12')
  await expect(page.getByLabel('Name (optional)')).toHaveValue('Ines')
  await expect(page.getByLabel('Email (optional, for password resets)')).toHaveValue('ines@')
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('')
  await page.screenshot({ path: '.data/screens/sign-up-errors-phone.png', fullPage: true })
})

test('settings: an empty password change asks for it; a revoked token leaves; the access log folds and fits a phone', async ({ page, context }) => {
  await page.setViewportSize(PHONE)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await new SignUpPage(page).register({ phone: '+1 415 555 0151', password: PASSWORD })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  const timeline = new TimelinePage(page)
  await timeline.send('My salary review is on Monday and I am nervous')
  // Ordinary page views read the confidential memory again and again.
  for (let i = 0; i < 4; i++) await timeline.open()

  const settings = new SettingsPage(page)
  await settings.open()
  await page.getByRole('button', { name: 'Change password' }).click()
  await expect(page.getByText('Enter your current password to change it.')).toBeVisible()
  await expect(page.getByText('The current password is not right')).toHaveCount(0)

  await page.getByLabel('Token name').fill('Backup script')
  await page.getByRole('button', { name: 'Create token' }).click()
  const token = (await page.getByTestId('new-token').textContent())!
  await page.getByRole('button', { name: 'Copy token' }).click()
  await expect(page.getByText('Copied.')).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token)
  await page.getByRole('button', { name: 'Revoke Backup script' }).click()
  await expect(page.getByTestId('new-token')).toHaveCount(0)

  const log = page.getByTestId('access-log')
  const reads = page.getByTestId('access-entry').filter({ hasText: 'Read protected memories' })
  await expect(reads).toHaveCount(1)
  await expect(reads).toContainText(/×([3-9]|\d{2,})/)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  const box = (await log.boundingBox())!
  expect(box.x + box.width).toBeLessThanOrEqual(390)
  await page.screenshot({ path: '.data/screens/access-log-phone.png', fullPage: true })
  await page.getByLabel('Show').selectOption('account')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page).toHaveURL(/log=account/)
  await expect(page.getByTestId('access-entry').filter({ hasText: 'Read protected memories' })).toHaveCount(0)
  await expect(page.getByTestId('access-entry').filter({ hasText: 'Sign-in' }).first()).toBeVisible()
  await page.getByLabel('Failures only').check()
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByText('Nothing matches these filters.')).toBeVisible()
})

test('sign-in: a refused passkey speaks of the passkey and the old error goes while waiting; forgot-password leads back', async ({ page }) => {
  await page.setViewportSize(DESKTOP)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  })
  await new SignUpPage(page).register({ phone: '+1 415 555 0154', password: PASSWORD })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  const settings = new SettingsPage(page)
  await settings.open()
  await page.getByLabel('Passkey name').fill('Old laptop')
  await page.getByRole('button', { name: 'Add a passkey' }).click()
  await expect(page.getByTestId('passkey-row')).toContainText('Old laptop')
  // Removed on the server, still on the device: the device offers it, mnemo refuses it.
  await page.getByRole('button', { name: 'Remove Old laptop' }).click()
  await expect(page.getByTestId('passkey-row')).toHaveCount(0)
  await settings.signOut()

  const passkey = page.getByRole('button', { name: 'Sign in with a passkey' })
  await passkey.click()
  const refused = page.getByText('That passkey did not sign you in.')
  await expect(refused).toBeVisible()
  await expect(page.getByText('Wrong phone number, email or password')).toHaveCount(0)
  // The second try: while the passkey is asked for, the old error is gone.
  await page.route('**/api/v1/auth/passkey', async (route) => {
    await new Promise((r) => setTimeout(r, 1_500))
    await route.continue()
  })
  await passkey.click()
  await expect(page.getByRole('button', { name: 'Waiting for your passkey…' })).toBeVisible()
  await expect(refused).toHaveCount(0)
  await expect(refused).toBeVisible()
  await page.screenshot({ path: '.data/screens/passkey-refused-desktop.png', fullPage: true })

  await page.goto('/forgot-password')
  await page.getByRole('link', { name: 'Back to sign in' }).click()
  await expect(page).toHaveURL(/\/sign-in$/)
})

test('the pages promise only what exists', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('body')).not.toContainText(/Telegram|WhatsApp|digest/i)
  await page.goto('/sign-up')
  await expect(page.locator('body')).not.toContainText(/Digests and reminders/i)
  await new SignUpPage(page).register({ phone: '+1 415 555 0152', password: PASSWORD })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  await page.goto('/settings')
  await expect(page.locator('main')).not.toContainText(/push notification|Daily digest/i)
  await page.goto('/search?q=anything')
  await page.locator('summary', { hasText: 'Filters' }).click()
  await expect(page.getByRole('group', { name: 'Source' })).not.toContainText(/Telegram|WhatsApp/)
})

test('search: a tag alone lists its memories; an exact word is labelled words; no lowercase word becomes a person', async ({ page }) => {
  await page.setViewportSize(PHONE)
  await new SignUpPage(page).register({ phone: '+1 415 555 0153', password: PASSWORD })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  const timeline = new TimelinePage(page)
  await timeline.send('Dinner with my sister and her kids')
  await timeline.send('journal: jo and i walked to the market, then wrote for an hour')
  const tagged = await timeline.memories.filter({ hasText: 'Dinner with my sister' }).textContent()
  const tag = tagged!.match(/#(\w+)/)![1]
  await page.goto(`/search?tag=${tag}`)
  await expect(page.getByTestId('search-hit').filter({ hasText: 'Dinner with my sister' })).toHaveCount(1)
  await expect(page.getByTestId('search-status')).toContainText('the filters')
  await page.screenshot({ path: '.data/screens/search-tag-only-phone.png', fullPage: true })

  await page.goto('/search?q=sister')
  await expect(page.getByTestId('search-hit').first().getByTestId('matched-by')).toHaveText('words')

  await timeline.open()
  const journal = await new TimelinePage(page).actions('journal: jo')
  await journal.getByRole('link', { name: /Details/ }).click()
  await expect(page.locator('dt', { hasText: 'People' }).locator('xpath=following-sibling::dd[1]')).toHaveText('none')
})
