import { expect, test } from '@playwright/test'
import { SignInPage, SignUpPage } from './pages/auth'

const PASSWORD = 'copper-willow-lantern-64'

test('after too many failed sign-ins the page says until when the account is locked, whichever identifier', async ({ browser }) => {
  const owner = await browser.newContext()
  await new SignUpPage(await owner.newPage()).register({ phone: '+1 415 555 0178', password: PASSWORD, email: 'locked-out@example.com' })
  await owner.close()

  const context = await browser.newContext({ timezoneId: 'Europe/Paris' })
  const page = await context.newPage()
  const signIn = new SignInPage(page)
  for (let i = 0; i < 5; i++) {
    await signIn.signIn('+14155550178', `not-the-password-${i}`)
    await signIn.expectError(/Wrong phone number, email or password/)
  }
  // Locked through the phone: the email with the right password is refused too, with the time.
  await signIn.signIn('locked-out@example.com', PASSWORD)
  await signIn.expectError(/This account is locked until \d{2}:\d{2} \(after too many failed sign-ins\)/)
  const shown = (await page.locator('form').getByRole('alert').textContent())!
  const [, hh, mm] = /until (\d{2}):(\d{2})/.exec(shown)!
  const expected = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(new Date(Date.now() + 15 * 60_000))
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))
  expect(Math.abs(minutes(`${hh}:${mm}`) - minutes(expected)) % (24 * 60)).toBeLessThanOrEqual(1)
  await expect(page).toHaveURL(/\/sign-in/)
  await context.close()
})

test("the page reads the lockout Auth.js's own redirect carries", async ({ page }) => {
  const until = Math.ceil(Date.now() / 1000) + 600
  await page.goto(`/sign-in?error=CredentialsSignin&code=locked-${until}`)
  await expect(page.locator('form').getByRole('alert')).toContainText(/This account is locked until \d{2}:\d{2} \(after too many failed sign-ins\)/)
  await page.goto('/sign-in?error=CredentialsSignin&code=locked')
  await expect(page.locator('form').getByRole('alert')).toContainText('locked for a while')
})
