import { expect, test } from '@playwright/test'
import { SignUpPage } from './pages/auth'
import { DESKTOP, PHONE, TimelinePage } from './pages/timeline'

const PASSWORD = 'harbor-violet-cinder-72'

test('without a passkey, a secret bubble says so and adds one in place; then it unlocks', async ({ page }) => {
  await page.setViewportSize(PHONE)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true },
  })
  await page.goto('/sign-up')
  await expect(page.getByText('Secret and ultrasecret memories open only with a passkey')).toBeVisible()
  await new SignUpPage(page).register({ phone: '+1 415 555 0141', password: PASSWORD })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  const timeline = new TimelinePage(page)
  await timeline.box.fill('the alarm code for the studio is 4417-Lynx')
  await timeline.box.press('Enter')
  const secret = timeline.memories.last()
  await expect(secret.getByTestId('needs-passkey')).toContainText('Reading secret memories takes a passkey, and this account has none yet.')
  await expect(page.getByTestId('unlock-needs-passkey')).toBeVisible()
  await timeline.shot('no-passkey-bubble-phone')
  await secret.getByRole('button', { name: 'Add a passkey' }).click()
  // With a passkey the bubble reads as any locked one, and the unlock bar offers the unlock.
  await expect(secret.getByTestId('needs-passkey')).toHaveCount(0)
  await expect(secret).toContainText('Locked. Unlock the secret tier to read it.')
  await expect(page.getByTestId('unlock-needs-passkey')).toHaveCount(0)
  await page.getByRole('button', { name: 'Unlock secret with passkey' }).click()
  await expect(timeline.memories.last()).toContainText('4417-Lynx')
  // What is open is not offered again.
  await expect(page.getByRole('button', { name: 'Unlock secret with passkey' })).toHaveCount(0)
  await expect(page.getByTestId('unlock-state')).toContainText(/secret: open until \d{2}:\d{2}/)
})

for (const [name, viewport, theme, phone] of [
  ['phone', PHONE, 'dark', '+1 415 555 0147'],
  ['desktop', DESKTOP, 'light', '+1 415 555 0143'],
] as const) {
  test(`keyboard, long memories, chips and a consistent reason (${name}, ${theme})`, async ({ page }) => {
    await page.setViewportSize(viewport)
    await page.emulateMedia({ colorScheme: theme })
    await new SignUpPage(page).register({ phone, password: PASSWORD })
    await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
    const timeline = new TimelinePage(page)
    for (let i = 1; i <= 5; i++) await timeline.send(`Walked to the harbour, day ${i}`)

    // The first Tab is a skip link to the message box.
    await timeline.open()
    await page.keyboard.press('Tab')
    const skip = page.getByRole('link', { name: 'Skip to the message box' })
    await expect(skip).toBeFocused()
    await timeline.shot(`skip-link-${name}-${theme}`)
    await page.keyboard.press('Enter')
    await expect(timeline.box).toBeFocused()
    // One tab stop per bubble: from one bubble's actions to the next one's.
    const summaries = page.getByTestId('memory-actions').locator('summary')
    await summaries.nth(0).focus()
    await page.keyboard.press('Tab')
    await expect(summaries.nth(1)).toBeFocused()

    // A forced tier is for one message; forced below what the model is sure of, the move is one click.
    await page.getByRole('group', { name: 'Tier' }).getByText('general', { exact: true }).click()
    await timeline.send('the wifi password is Quartz-Otter-8812')
    await expect(page.getByRole('radio', { name: 'auto' })).toBeChecked()
    await expect(page.getByTestId('capture-status')).toContainText('Saved as general')
    await timeline.shot(`suggested-move-${name}-${theme}`)
    await page.getByRole('button', { name: 'Move it to secret' }).click()
    await expect(page.getByTestId('suggested-move-done')).toHaveText(' Moved to secret.')
    await expect(timeline.memories.filter({ has: page.getByTestId('tier-badge').filter({ hasText: 'secret' }) })).toHaveCount(1)

    // A 3,000-character memory folds. Its tier is forced: this is about the bubble, not the
    // classifier (which reads one sentence said fifty times unlike any note a person writes).
    const long = `Notes from the long walk. ${'We kept going along the cliffs and talked about everything. '.repeat(50)}`
    await page.getByRole('group', { name: 'Tier' }).getByText('general', { exact: true }).click()
    await timeline.send(long.slice(0, 3000))
    const bubble = timeline.memory('Notes from the long walk')
    await expect(bubble.getByRole('button', { name: 'Show more' })).toBeVisible()
    expect((await bubble.boundingBox())!.height).toBeLessThan(500)
    // Sent, it is in view above the message box.
    await expect(bubble).toBeInViewport()
    await timeline.shot(`long-memory-${name}-${theme}`)
    await bubble.getByRole('button', { name: 'Show more' }).click()
    expect((await bubble.boundingBox())!.height).toBeGreaterThan(500)
    await expect(bubble.getByRole('button', { name: 'Show less' })).toBeVisible()

    // The reason names the saved tier with the confidence shown beside it.
    await timeline.send('took ibuprofen for my back')
    const pill = timeline.memory('ibuprofen')
    await pill.getByText('Actions').click()
    await pill.getByRole('link', { name: /Details/ }).click()
    await expect(page.getByRole('heading', { name: 'Why confidential' })).toBeVisible()
    const confidence = (await page.getByText(/^Confidence \d+ %/).textContent())!.match(/\d+/)![0]
    const reason = page.getByRole('heading', { name: 'Why confidential' }).locator('xpath=following-sibling::p[1]')
    // "Saved as confidential (95% sure): …", or "The model is 95% sure this needs confidential
    // protection" when a detector agrees with the model.
    await expect(reason).toContainText(new RegExp(`Saved as confidential \\(${confidence}% sure\\)|${confidence}% sure this needs confidential`))
    await expect(reason).not.toContainText('general')
    await timeline.shot(`reason-${name}-${theme}`)
  })
}

test('on a phone the tier tabs all show, and no day chip sits over the bubbles', async ({ page }) => {
  await page.setViewportSize(PHONE)
  await new SignUpPage(page).register({ phone: '+1 415 555 0146', password: PASSWORD })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  const timeline = new TimelinePage(page)
  await timeline.send('Met Ravi for coffee by the canal')
  for (const tab of ['All', 'chronological', 'general', 'confidential', 'secret', 'ultrasecret']) {
    await expect(page.getByRole('navigation', { name: 'Tiers' }).getByRole('link', { name: new RegExp(`^${tab}`) })).toBeInViewport({ ratio: 1 })
  }
  const chip = page.locator('section[aria-labelledby^="day-"] h2').first()
  expect(await chip.evaluate((el) => getComputedStyle(el).position)).not.toBe('sticky')
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await timeline.shot('tabs-phone')
})

test('on a phone the header keeps an alerts badge and every link within the screen', async ({ page }) => {
  await page.setViewportSize(PHONE)
  await new SignUpPage(page).register({ phone: '+1 415 555 0104', password: PASSWORD })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  // Three wrong passwords at the unlock raise an alert.
  for (let i = 0; i < 3; i++) await page.request.post('/api/v1/unlock/password', { data: { password: `not-the-password-${i}` } })
  await page.reload()
  const badge = page.getByTestId('alerts-badge')
  await expect(badge).toBeVisible()
  await expect(badge).toHaveAccessibleName(/unread alert/)
  const header = page.getByRole('navigation', { name: 'Main' })
  for (const name of ['Timeline', 'Search', 'Settings']) await expect(header.getByRole('link', { name, exact: true })).toBeInViewport({ ratio: 1 })
  await expect(badge).toBeInViewport({ ratio: 1 })
  await expect(header.getByRole('button', { name: 'Sign out' })).toBeInViewport({ ratio: 1 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
  await page.screenshot({ path: '.data/screens/header-alerts-phone.png' })
})
