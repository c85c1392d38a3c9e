import { expect, test, type Page } from '@playwright/test'
import { SettingsPage, SignInPage, SignUpPage } from './pages/auth'

// Issue 22: protected content leaves every open view when its unlock window ends (15 s here:
// MNEMO_UNLOCK_MINUTES=0.25) or on "Lock now" from any session, and Back/Forward asks the server.
const USER = { phone: '+1 415 555 0173', password: 'juniper-canyon-violet-29' }
const SECRET = 'the storage unit code is 7731-Osprey'
const CONFIDENTIAL = '#confidential my salary review with Dana went badly'

async function addVirtualAuthenticator(page: Page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  })
}

async function capture(page: Page, text: string) {
  const box = page.getByLabel('What do you want to remember?')
  await box.fill(text)
  await box.press('Enter')
  await expect(box).toHaveValue('')
}

const secretBubble = (page: Page) => page.locator('[data-testid="memory"][data-tier="secret"]')

/** Adds a passkey in Settings, unlocks the secret tier with it on the timeline, and opens a second tab there. */
async function unlockSecretInTwoTabs(page: Page) {
  await new SettingsPage(page).open()
  await page.getByLabel('Passkey name').fill('Test authenticator')
  await page.getByRole('button', { name: 'Add a passkey' }).click()
  await expect(page.getByTestId('passkey-row')).toContainText('Test authenticator')
  await page.goto('/home')
  await page.getByRole('button', { name: 'Unlock secret with passkey' }).click()
  await expect(page.getByTestId('unlock-state')).toContainText('secret: open until')
  await expect(secretBubble(page)).toContainText(SECRET)
  const second = await page.context().newPage()
  await second.goto('/home')
  await expect(secretBubble(second)).toContainText(SECRET)
  return second
}

test('an unlock window that ends hides the content on every open tab, without a reload', async ({ page }) => {
  test.setTimeout(120_000)
  await addVirtualAuthenticator(page)
  await new SignUpPage(page).register(USER)
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  await capture(page, SECRET)
  const second = await unlockSecretInTwoTabs(page)

  // The 15-second window ends: both tabs hide it and say so, with no reload.
  for (const tab of [page, second]) {
    await expect(secretBubble(tab)).toContainText('Locked', { timeout: 25_000 })
    await expect(tab.getByText(SECRET)).toHaveCount(0)
    await expect(tab.getByTestId('unlock-state')).toContainText('secret: locked')
  }
  // And the server agrees.
  expect((await page.request.get('/api/v1/memories?tier=secret')).ok()).toBe(true)
  const listed = (await (await page.request.get('/api/v1/memories?tier=secret')).json()).items as { locked?: boolean }[]
  expect(listed.every((m) => m.locked)).toBe(true)
})

test('"Lock now" hides protected content on every tab and every session of the user; Back asks the server again', async ({ browser, page, context }) => {
  test.setTimeout(120_000)
  await addVirtualAuthenticator(page)
  await new SignUpPage(page).register({ ...USER, phone: '+1 415 555 0172' })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  await capture(page, SECRET)
  await capture(page, CONFIDENTIAL)
  const second = await unlockSecretInTwoTabs(page)

  // Another session of the same user (a password sign-in opens confidential for 12 hours).
  const laptop = await browser.newContext()
  const laptopPage = await laptop.newPage()
  await new SignInPage(laptopPage).signIn('+1 415 555 0172', USER.password)
  await expect(laptopPage).toHaveURL(/\/home$/)
  await expect(laptopPage.getByText('my salary review with Dana went badly')).toBeVisible()

  await page.getByRole('button', { name: 'Lock now' }).click()
  for (const tab of [page, second]) {
    await expect(tab.getByText(SECRET)).toHaveCount(0)
    await expect(tab.getByText('my salary review with Dana went badly')).toHaveCount(0)
    await expect(tab.getByTestId('unlock-state')).toContainText('confidential: locked')
    await expect(tab.getByTestId('unlock-state')).toContainText('secret: locked')
  }
  await expect(laptopPage.getByText('my salary review with Dana went badly')).toHaveCount(0, { timeout: 10_000 })
  await expect(laptopPage.getByTestId('unlock-state')).toContainText('confidential: locked')
  await laptop.close()

  // Back/Forward to a protected detail page after a lock asks the server, which says locked.
  await page.getByRole('button', { name: 'Unlock secret with passkey' }).click()
  await expect(secretBubble(page)).toContainText(SECRET)
  // A bubble's actions sit behind one "Actions" control.
  await secretBubble(page).getByText('Actions').click()
  const detail = await secretBubble(page).getByRole('link', { name: /Details/ }).getAttribute('href')
  await page.goto(detail!)
  await expect(page.getByText(SECRET)).toBeVisible()
  const response = await page.request.get(detail!)
  expect(response.headers()['cache-control']).toContain('no-store')
  // Why Chromium did not keep the page in its back-forward cache (reported when it does not use it).
  const cdp = await context.newCDPSession(page)
  await cdp.send('Page.enable')
  const notRestored: string[] = []
  cdp.on('Page.backForwardCacheNotUsed', (event) => notRestored.push(...event.notRestoredExplanations.map((e) => e.reason)))
  await page.goto('/settings')
  expect((await page.request.post('/api/v1/lock')).status()).toBe(204)
  await page.goBack()
  await expect(page).toHaveURL(new RegExp(`${detail}$`))
  await expect(page.getByRole('heading', { name: 'A locked memory' })).toBeVisible()
  await expect(page.getByText(SECRET)).toHaveCount(0)
  // Chromium leaves a Cache-Control: no-store page out of the cache (or, where it keeps one, the
  // page hid its content on the way in and reloads on the way out; the assertions above hold either way).
  test.info().annotations.push({ type: 'back-forward cache', description: notRestored.join(', ') || 'restored from the cache' })
  console.log(`[back-forward cache] ${notRestored.join(', ') || 'restored from the cache'}`)
  await page.goForward()
  await expect(page).toHaveURL(/\/settings$/)
})

test('the page keeps no copy of protected text after "Lock now" or signing out: not in its inline server data, not for Back', async ({ page }) => {
  const phone = '+1 415 555 0102'
  const text = 'my salary review with Dana went badly'
  const inPage = async () => {
    const html = await page.content()
    const data = await page.evaluate(() => JSON.stringify((globalThis as { __next_f?: unknown }).__next_f ?? null))
    return html.includes(text) || data.includes(text)
  }
  await new SignUpPage(page).register({ ...USER, phone })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  await capture(page, CONFIDENTIAL)
  // Loaded while confidential is open (a password sign-in opens it for 12 hours): the page's
  // inline server data holds the text, as it must to show it.
  await page.reload()
  await expect(page.getByText(text)).toBeVisible()
  expect(await inPage()).toBe(true)

  await page.getByRole('button', { name: 'Lock now' }).click()
  await expect(page.getByTestId('unlock-state')).toContainText('confidential: locked')
  await expect(page.getByText(text)).toHaveCount(0)
  expect(await inPage()).toBe(false)

  // Signed in again (confidential open), then signed out: the sign-in page keeps nothing of it,
  // and Back does not bring it from the router's cache.
  await page.context().clearCookies()
  await new SignInPage(page).signIn(phone, USER.password)
  await expect(page).toHaveURL(/\/home$/)
  await expect(page.getByText(text)).toBeVisible()
  expect(await inPage()).toBe(true)
  await page.getByRole('button', { name: 'Sign out', exact: true }).first().click()
  await expect(page).toHaveURL(/\/sign-in/)
  expect(await inPage()).toBe(false)
  await page.goBack()
  await expect(page.getByText(text)).toHaveCount(0)
  expect(await inPage()).toBe(false)
})
