import path from 'node:path'
import { expect, test } from '@playwright/test'
import { confirmTokenIn, latestMail, mailsTo, resetTokenIn } from '../fixtures/outbox'
import { SettingsPage, SignInPage, SignUpPage } from './pages/auth'

const OUTBOX = path.resolve('.data/e2e/outbox')
const PASSWORD = 'violet-harbor-tractor-92'
const NEW_PASSWORD = 'quiet-lantern-orbit-57'
const RESET_PASSWORD = 'amber-meadow-falcon-31'

test.describe.configure({ mode: 'serial' })

test('sign up, sign out, sign in, and bad credentials are refused', async ({ page }) => {
  await new SignUpPage(page).register({ phone: '+1 415 555 0142', password: PASSWORD, name: 'Ada', email: 'ada@example.com' })
  // The first sign-up of a fresh server also loads the models and the mailer: allow it more time.
  await expect(page).toHaveURL(/\/home$/, { timeout: 30_000 })
  await expect(page.getByRole('heading', { name: 'Timeline, Ada' })).toBeVisible()

  const settings = new SettingsPage(page)
  await settings.open()
  await settings.signOut()

  await page.goto('/settings')
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings/)

  const signIn = new SignInPage(page)
  await signIn.signIn('+14155550142', 'wrong-password-here')
  await signIn.expectError(/Wrong phone number, email or password/)
  await signIn.signIn('ADA@example.com', PASSWORD)
  await expect(page).toHaveURL(/\/home$/)
  await settings.open()
  await settings.signOut()
})

test('changing the password signs out the other session at once', async ({ browser }) => {
  const first = await browser.newContext()
  const second = await browser.newContext()
  const a = await first.newPage()
  const b = await second.newPage()
  await new SignInPage(a).signIn('+14155550142', PASSWORD)
  await expect(a).toHaveURL(/\/home$/)
  await new SignInPage(b).signIn('+14155550142', PASSWORD)
  await expect(b).toHaveURL(/\/home$/)

  const settings = new SettingsPage(a)
  await settings.open()
  await expect(a.getByTestId('session-row')).toHaveCount(2)
  await settings.changePassword(PASSWORD, NEW_PASSWORD)
  await expect(a.locator('form').getByRole('status')).toContainText('1 other device was signed out')

  await b.goto('/settings')
  await expect(b).toHaveURL(/\/sign-in/)
  await a.reload()
  await expect(a.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
  await expect(a.getByTestId('session-row')).toHaveCount(1)
  await first.close()
  await second.close()
})

test('confirm the email with the link mailed at sign-up, then reset the password with the link from the outbox', async ({ page }) => {
  // A reset goes only to a confirmed address: first follow the link mailed at sign-up.
  const confirmation = mailsTo(OUTBOX, 'ada@example.com').filter((mail) => mail.includes('confirm-email?token=')).pop()!
  await page.goto(`/confirm-email?token=${encodeURIComponent(confirmTokenIn(confirmation))}`)
  await page.getByRole('button', { name: 'Confirm this address' }).click()
  await expect(page.getByRole('main').getByRole('status')).toContainText('Confirmed: ada@example.com')

  await page.goto('/forgot-password')
  await page.getByLabel('Email or phone number').fill('ada@example.com')
  await page.getByRole('button', { name: 'Send me a reset link' }).click()
  await expect(page.locator('form').getByRole('status')).toContainText('reset link is on its way')

  await expect.poll(() => latestMail(OUTBOX)).toContain('To: ada@example.com')
  const token = resetTokenIn(latestMail(OUTBOX))
  await page.goto(`/reset-password?token=${encodeURIComponent(token)}`)
  await page.getByLabel('New password', { exact: true }).fill(RESET_PASSWORD)
  await page.getByLabel('Repeat the new password').fill(RESET_PASSWORD)
  await page.getByRole('button', { name: 'Set the new password' }).click()
  await expect(page.getByRole('main').getByRole('status')).toContainText('Your password is changed')

  const signIn = new SignInPage(page)
  await signIn.signIn('+14155550142', NEW_PASSWORD)
  await signIn.expectError(/Wrong phone number/)
  await signIn.signIn('+14155550142', RESET_PASSWORD)
  await expect(page).toHaveURL(/\/home$/)

  // The link works once.
  await page.goto(`/reset-password?token=${encodeURIComponent(token)}`)
  await page.getByLabel('New password', { exact: true }).fill('another-brand-new-phrase-9')
  await page.getByLabel('Repeat the new password').fill('another-brand-new-phrase-9')
  await page.getByRole('button', { name: 'Set the new password' }).click()
  await expect(page.locator('form').getByRole('alert')).toContainText('invalid, used or expired')
})

test('changing the email in settings asks for the password and waits for the link sent to the new address', async ({ page }) => {
  await new SignInPage(page).signIn('+14155550142', RESET_PASSWORD)
  await expect(page).toHaveURL(/\/home$/)
  await new SettingsPage(page).open()
  const profile = page.locator('form').filter({ has: page.getByRole('button', { name: 'Save profile' }) })
  await page.getByLabel('Email', { exact: true }).fill('ada.new@example.com')
  await page.getByRole('button', { name: 'Save profile' }).click()
  await expect(profile.getByRole('alert')).toContainText('Confirm this change with your current password')

  await page.getByLabel('Password, to change the email or phone').fill(RESET_PASSWORD)
  await page.getByRole('button', { name: 'Save profile' }).click()
  await expect(profile.getByRole('status')).toContainText('We sent a confirmation link to ada.new@example.com')
  await expect.poll(() => mailsTo(OUTBOX, 'ada.new@example.com').length).toBe(1)
  expect(mailsTo(OUTBOX, 'ada@example.com').some((mail) => mail.includes('being changed'))).toBe(true)
  await page.reload()
  await expect(page.getByText('Waiting for confirmation: ada.new@example.com')).toBeVisible()
})

test('create and revoke an API token from settings', async ({ page, request }) => {
  await new SignInPage(page).signIn('+14155550142', RESET_PASSWORD)
  await expect(page).toHaveURL(/\/home$/)
  await new SettingsPage(page).open()
  await page.getByLabel('Token name').fill('e2e script')
  await page.getByRole('button', { name: 'Create token' }).click()
  const token = (await page.getByTestId('new-token').textContent())!.trim()
  expect(token).toMatch(/^mnemo_/)

  const bearer = { authorization: `Bearer ${token}` }
  expect((await request.get('/api/v1/memories', { headers: bearer })).status()).toBe(200)
  // A token never reaches the account itself.
  const account = await request.get('/api/v1/account', { headers: bearer })
  expect(account.status()).toBe(403)
  expect((await account.json()).error.code).toBe('forbidden:token')
  await page.getByRole('button', { name: 'Revoke e2e script' }).click()
  await expect(page.getByText('Token revoked.')).toBeVisible()
  const after = await request.get('/api/v1/memories', { headers: bearer })
  expect(after.status()).toBe(401)
})

test('an API route without a session answers 401 unauthorized:session', async ({ request }) => {
  const response = await request.get('/api/v1/account')
  expect(response.status()).toBe(401)
  expect((await response.json()).error.code).toBe('unauthorized:session')
})

test('delete the account: it is gone, and signing in fails', async ({ page }) => {
  await new SignUpPage(page).register({ phone: '+1 415 555 0188', password: 'lemon-quartz-meadow-18' })
  await expect(page).toHaveURL(/\/home$/)
  await new SettingsPage(page).open()
  await page.getByLabel('Your password').fill('lemon-quartz-meadow-18')
  await page.getByLabel('Type DELETE to confirm').fill('DELETE')
  await page.getByRole('button', { name: 'Delete my account' }).click()
  await expect(page).toHaveURL(/\/$/)
  await page.goto('/settings')
  await expect(page).toHaveURL(/\/sign-in/)
  const signIn = new SignInPage(page)
  await signIn.signIn('+14155550188', 'lemon-quartz-meadow-18')
  await signIn.expectError(/Wrong phone number/)
})
