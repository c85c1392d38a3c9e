import { expect, test } from '@playwright/test'
import { SettingsPage, SignUpPage } from './pages/auth'

test('register a passkey, step up to read a secret, and see it lock again', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  })

  await new SignUpPage(page).register({ phone: '+1 415 555 0199', password: 'granite-pelican-sonnet-44' })
  await expect(page).toHaveURL(/\/home$/)
  await page.getByLabel('What do you want to remember?').fill('the storage unit code is 5512-Heron')
  await page.getByRole('button', { name: 'Send' }).click()
  const secret = page.getByTestId('memory').last()
  await expect(secret).toContainText(/locked/i)

  // Without a passkey the bubble and the unlock bar say what it takes, and offer no unlock.
  await expect(secret.getByTestId('needs-passkey')).toContainText('this account has none yet')
  await expect(page.getByTestId('unlock-needs-passkey')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Unlock secret with passkey' })).toHaveCount(0)

  const settings = new SettingsPage(page)
  await settings.open()
  await page.getByLabel('Passkey name').fill('Test authenticator')
  await page.getByRole('button', { name: 'Add a passkey' }).click()
  await expect(page.getByTestId('passkey-row')).toContainText('Test authenticator')
  page.once('dialog', (dialog) => dialog.accept('Laptop passkey'))
  await page.getByRole('button', { name: 'Rename Test authenticator' }).click()
  await expect(page.getByTestId('passkey-row')).toContainText('Laptop passkey')

  await page.goto('/home')
  await expect(page.getByTestId('memory').last()).toContainText('Locked')
  await page.getByRole('button', { name: 'Unlock secret with passkey' }).click()
  await expect(page.getByTestId('unlock-state')).toContainText('secret: open until')
  await expect(page.getByTestId('memory').last()).toContainText('the storage unit code is 5512-Heron')

  await page.getByRole('button', { name: 'Lock now' }).click()
  await expect(page.getByTestId('unlock-state')).toContainText('secret: locked')
  await expect(page.getByTestId('memory').last()).toContainText('Locked')

  // Unlock again and let the (shortened, 15 s) window run out while offline: the secret leaves the
  // screen in place, and the page neither reloads into the offline page nor asks the server.
  await page.getByRole('button', { name: 'Unlock secret with passkey' }).click()
  await expect(page.getByTestId('memory').last()).toContainText('5512-Heron')
  let navigations = 0
  page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations++)
  await page.context().setOffline(true)
  await page.waitForTimeout(16_000)
  await expect(page.getByTestId('unlock-state')).toContainText('secret: locked')
  await expect(page.getByTestId('memory').last()).toContainText('Locked')
  await expect(page.getByText('5512-Heron')).toHaveCount(0)
  expect(navigations).toBe(0)
  await page.context().setOffline(false)
  await page.reload()
  await expect(page.getByTestId('memory').last()).toContainText('Locked')
  await expect(page.getByText('5512-Heron')).toHaveCount(0)

  // Sign out, then back in with the passkey alone.
  await new SettingsPage(page).open()
  await new SettingsPage(page).signOut()
  await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
  await expect(page).toHaveURL(/\/home$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Timeline')
})

test('after "Lock now" a session cookie alone cannot add a passkey: Settings asks for the password, then adds it', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  })
  const password = 'quartz-harbour-meadow-63'
  await new SignUpPage(page).register({ phone: '+1 415 555 0101', password })
  await expect(page).toHaveURL(/\/home$/)
  // Lock now ages the sign-in past 12 hours: as if the phone was left signed in long ago.
  await page.getByRole('button', { name: 'Lock now' }).click()
  await expect(page.getByTestId('unlock-state')).toContainText('confidential: locked')

  const settings = new SettingsPage(page)
  await settings.open()
  await page.getByLabel('Passkey name').fill('Kitchen tablet')
  await page.getByRole('button', { name: 'Add a passkey' }).click()
  const confirm = page.getByTestId('confirm-password')
  await expect(confirm).toBeVisible()
  await expect(page.getByTestId('passkey-row')).toHaveCount(0)
  await page.screenshot({ path: '.data/screens/passkey-confirm-password.png', fullPage: true })

  await confirm.getByLabel('Confirm your password to change your passkeys').fill('not-the-password-11')
  await confirm.getByRole('button', { name: 'Confirm' }).click()
  await expect(confirm.getByRole('alert')).toContainText('not your password')
  await expect(page.getByTestId('passkey-row')).toHaveCount(0)

  await confirm.getByLabel('Confirm your password to change your passkeys').fill(password)
  await confirm.getByRole('button', { name: 'Confirm' }).click()
  await expect(page.getByTestId('passkey-row')).toContainText('Kitchen tablet')
  await expect(page.getByTestId('confirm-password')).toHaveCount(0)
})
