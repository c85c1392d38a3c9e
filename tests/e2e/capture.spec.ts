import { expect, test } from '@playwright/test'
import { SignUpPage } from './pages/auth'

test('capture memories, see their tiers, a locked secret, and move one', async ({ page }) => {
  await new SignUpPage(page).register({ phone: '+1 415 555 0177', password: 'copper-violin-harbor-63', name: 'Cap' })
  await expect(page).toHaveURL(/\/home$/)

  const box = page.getByLabel('What do you want to remember?')
  await box.fill('Yesterday I went hiking with Tom near the lake')
  await box.press('Enter')
  await expect(page.getByTestId('capture-status')).toContainText('Saved as chronological')
  // Newest at the bottom, like a chat; the bubble says why it landed there.
  const first = page.getByTestId('memory').last()
  await expect(first.getByTestId('reasoning')).toBeVisible()
  await expect(first.getByTestId('tier-badge')).toHaveText('chronological')
  await expect(first).toContainText('hiking with Tom')

  await box.fill('the router password is Amber-Falcon-2291')
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByTestId('capture-status')).toContainText('Saved as secret')
  const secret = page.getByTestId('memory').last()
  await expect(secret.getByTestId('tier-badge')).toContainText('secret')
  await expect(secret).toContainText(/locked/i)
  await expect(page.getByText('Amber-Falcon-2291')).toHaveCount(0)

  await box.fill('   ')
  await page.getByRole('button', { name: 'Send' }).click()
  await expect(page.getByText('Write something first')).toBeVisible()

  const hike = page.getByTestId('memory').filter({ hasText: 'hiking with Tom' })
  await hike.getByText('Actions').click()
  await hike.getByLabel('Move to tier').selectOption('general')
  await expect(hike.getByRole('status')).toContainText('Moved to general')
  await page.reload()
  await expect(page.getByTestId('memory').filter({ hasText: 'hiking with Tom' }).getByTestId('tier-badge')).toHaveText('general')

  await page.getByRole('link', { name: 'Search' }).click()
  await page.getByLabel('Search your memories').fill('hikng')
  await page.getByRole('button', { name: 'Search' }).click()
  const hit = page.getByTestId('search-hit').first()
  await expect(hit).toContainText('hiking with Tom')
  await expect(hit).toContainText('matched by')
  await expect(hit.locator('mark')).toHaveText('hiking')
  // The secret is locked: search never shows it, nor hints at it.
  await page.getByLabel('Search your memories').fill('router password Amber')
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page.getByRole('status')).toBeVisible()
  await expect(page.getByText('Amber-Falcon-2291')).toHaveCount(0)
})
