import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { SignUpPage } from './pages/auth'

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} [${v.impact}] ${v.nodes.length}×: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`)
}

for (const theme of ['light', 'dark'] as const) {
  test(`no serious accessibility violations on any page (${theme})`, async ({ page }) => {
    // Twelve pages and states, each checked in full by axe.
    test.setTimeout(120_000)
    await page.emulateMedia({ colorScheme: theme })
    for (const path of ['/', '/sign-in', '/sign-up', '/forgot-password', '/~offline']) {
      await page.goto(path)
      expect(await seriousViolations(page), path).toEqual([])
    }
    await new SignUpPage(page).register({ phone: theme === 'light' ? '+1 415 555 0144' : '+1 415 555 0145', password: 'marble-osprey-violet-27' })
    await expect(page).toHaveURL(/\/home$/)
    const box = page.getByLabel('What do you want to remember?')
    await box.fill('Lunch with Ana at the harbour, we talked about the trip')
    await box.press('Enter')
    await box.fill('my bank PIN is 4821')
    await box.press('Enter')
    // The first capture of a fresh server loads the classifier.
    await expect(page.getByTestId('memory')).toHaveCount(2, { timeout: 20_000 })
    expect(await seriousViolations(page), '/home').toEqual([])
    await page.goto('/search')
    await page.getByLabel('Search your memories').fill('lunch')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await expect(page.getByTestId('search-hit').first()).toBeVisible()
    expect(await seriousViolations(page), '/search').toEqual([])
    // With the filters open and one applied, and with a date range that ends before it starts.
    await page.locator('summary', { hasText: 'Filters' }).click()
    await page.getByRole('group', { name: 'Tiers' }).getByRole('checkbox', { name: 'chronological' }).check()
    await expect(page).toHaveURL(/tier=chronological/)
    await expect(page.getByTestId('active-filters')).toBeVisible()
    expect(await seriousViolations(page), '/search with filters').toEqual([])
    await page.goto('/search?q=lunch&from=2026-03-10&to=2026-02-01&tag=food')
    await expect(page.getByTestId('date-problem')).toBeVisible()
    expect(await seriousViolations(page), '/search with a reversed date range').toEqual([])
    // With the search box's quick results open and one of them picked.
    await page.goto('/search')
    await page.getByLabel('Search your memories').fill('harbour trip')
    await expect(page.getByRole('listbox', { name: 'Quick results' })).toBeVisible()
    await page.getByLabel('Search your memories').press('ArrowDown')
    await expect(page.getByRole('option').first()).toHaveAttribute('aria-selected', 'true')
    expect(await seriousViolations(page), '/search with quick results').toEqual([])
    await page.goto('/settings')
    expect(await seriousViolations(page), '/settings').toEqual([])
    // A delete's undo on the timeline, and the memory in Recently deleted.
    await page.goto('/home')
    const lunch = page.getByTestId('memory').filter({ hasText: 'Lunch with Ana' })
    await lunch.getByText('Actions').click()
    expect(await seriousViolations(page), '/home with a bubble’s actions open').toEqual([])
    await lunch.getByRole('button', { name: 'Delete' }).click()
    await expect(page.getByTestId('undo-delete')).toBeVisible()
    expect(await seriousViolations(page), '/home with an undo').toEqual([])
    await page.goto('/deleted')
    await expect(page.getByTestId('deleted-memory')).toHaveCount(1)
    expect(await seriousViolations(page), '/deleted').toEqual([])
    await page.getByRole('button', { name: /Restore/ }).click()
    await expect(page.getByTestId('deleted-memory')).toHaveCount(0)
    await page.goto('/home')
    await page.getByTestId('memory').first().getByText('Actions').click()
    await page.getByTestId('memory').first().getByRole('link', { name: /Details/ }).click()
    await expect(page.getByRole('heading', { name: /Why/ })).toBeVisible()
    expect(await seriousViolations(page), '/memories/[id]').toEqual([])
  })
}
