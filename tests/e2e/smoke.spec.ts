import { expect, test } from '@playwright/test'

test('the landing page says what mnemo is and links to sign-in', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your memory, kept private.')
  await expect(page.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/sign-in')
  for (const tier of ['chronological', 'general', 'confidential', 'secret', 'ultrasecret']) {
    await expect(page.getByText(tier, { exact: false }).first()).toBeVisible()
  }
})

test('/api/health is ok on the embedded database', async ({ request }) => {
  const response = await request.get('/api/health')
  expect(response.status()).toBe(200)
  expect(await response.json()).toMatchObject({ status: 'ok', db: 'ok' })
})
