import { expect, test, type APIRequestContext } from '@playwright/test'
import { SignInPage } from './pages/auth'
import { SearchScreen } from './pages/search'

const PHONE = '+14155550171'
const PASSWORD = 'saffron-glacier-ledger-83'

// One person for the whole file (sign-ups are rate limited per IP), with memories on known days.
const MEMORIES: { content: string; tier: string; occurred_at: string; source?: string; tags?: string[] }[] = [
  { content: 'Visited grandma at the hospital after her fall', tier: 'chronological', occurred_at: '2026-02-10T10:00:00Z', tags: ['family'] },
  { content: 'Hospital parking costs went up again', tier: 'general', occurred_at: '2026-03-05T09:00:00Z', source: 'app' },
  { content: 'Lunch with Ana at the harbour, we talked about the trip', tier: 'chronological', occurred_at: '2026-03-01T12:30:00Z' },
  { content: 'The locker code at the hospital gym is 7731', tier: 'secret', occurred_at: '2026-03-06T08:00:00Z' },
  ...Array.from({ length: 25 }, (_, i) => ({
    content: `garden journal entry ${i + 1}: watered the tomatoes`,
    tier: 'general',
    occurred_at: new Date(Date.UTC(2026, 0, 1 + i, 18)).toISOString(),
  })),
]

async function seed(request: APIRequestContext) {
  expect((await request.post('/api/v1/auth/register', { data: { phone: PHONE, password: PASSWORD, name: 'Sam', timezone: 'UTC' } })).status()).toBe(201)
  const token = (await (await request.post('/api/v1/auth/token', { data: { phone: PHONE, password: PASSWORD } })).json()).access_token as string
  const headers = { authorization: `Bearer ${token}` }
  for (const { tags, ...memory } of MEMORIES) {
    const created = await request.post('/api/v1/memories', { headers, data: memory })
    expect(created.status()).toBe(201)
    if (tags) expect((await request.patch(`/api/v1/memories/${(await created.json()).id}`, { headers, data: { tags } })).ok()).toBe(true)
  }
}

test.describe.configure({ mode: 'serial' })

test.beforeAll(async ({ playwright, baseURL }) => {
  const request = await playwright.request.newContext({ baseURL })
  await seed(request)
  await request.dispose()
})

test.beforeEach(async ({ page }) => {
  await new SignInPage(page).signIn(PHONE, PASSWORD)
  await expect(page).toHaveURL(/\/home$/)
})

test('a link to /search?q=hospitl shows the typo match, rendered by the server', async ({ page }) => {
  // The HTML itself holds the results: no empty page while the browser catches up.
  const html = await (await page.request.get('/search?q=hospitl')).text()
  expect(html).toContain('grandma at the')
  expect(html).toContain('data-testid="search-hit"')

  const search = new SearchScreen(page)
  await search.open('?q=hospitl')
  await expect(search.box).toHaveValue('hospitl')
  const grandma = search.hit('grandma')
  await expect(grandma.getByTestId('matched-by')).toContainText('typo')
  await expect(grandma.locator('mark')).toHaveText('hospital')
  await expect(grandma.getByTestId('tier-badge')).toHaveText('chronological')
  await expect(grandma.locator('time')).toHaveText('10 Feb 2026')
  await expect(search.status).toHaveText(/^\d+ results? for “hospitl”\.$/)
  // The secret is locked: never shown, never hinted at.
  await expect(page.getByText('locker code')).toHaveCount(0)
  await expect(page.getByText('7731')).toHaveCount(0)
})

test('tier and date filters change the address and the results; Back restores the search before', async ({ page }) => {
  const search = new SearchScreen(page)
  await search.open('?q=hospital')
  await expect(search.hit('grandma')).toHaveCount(1)
  await expect(search.hit('parking')).toHaveCount(1)

  await search.openFilters()
  await search.tier('general').check()
  await search.expectParams({ q: 'hospital', tier: 'general' })
  await expect(search.hit('grandma')).toHaveCount(0)
  await expect(search.hit('parking')).toHaveCount(1)
  await expect(page.getByTestId('active-filters')).toContainText('general')

  await search.tier('general').uncheck()
  await search.expectParams({ q: 'hospital' })
  await search.from.fill('2026-02-01')
  await search.to.fill('2026-02-28')
  await search.applyFilters()
  await search.expectParams({ q: 'hospital', from: '2026-02-01', to: '2026-02-28' })
  await expect(search.hit('grandma')).toHaveCount(1)
  await expect(search.hit('parking')).toHaveCount(0)

  // A range that ends before it starts: a message beside the dates, nothing searched, no error page.
  await search.from.fill('2026-03-10')
  await search.to.press('Enter')
  await search.expectParams({ q: 'hospital', from: '2026-03-10', to: '2026-02-28' })
  await expect(page.getByTestId('date-problem')).toHaveText(/ends before it starts/)
  await expect(search.to).toHaveAttribute('aria-invalid', 'true')
  await expect(search.status).toHaveText('Nothing searched: the date range ends before it starts.')
  await expect(search.hits).toHaveCount(0)

  await page.goBack()
  await search.expectParams({ q: 'hospital', from: '2026-02-01', to: '2026-02-28' })
  await expect(search.from).toHaveValue('2026-02-01')
  await expect(search.hit('grandma')).toHaveCount(1)
  await expect(search.hit('parking')).toHaveCount(0)
  await page.goBack()
  await page.goBack()
  await search.expectParams({ q: 'hospital', tier: 'general' })
  await expect(search.tier('general')).toBeChecked()
  await expect(search.hit('grandma')).toHaveCount(0)
  await page.goForward()
  await search.expectParams({ q: 'hospital' })
  await expect(search.hit('grandma')).toHaveCount(1)

  await page.reload()
  await expect(search.hit('parking')).toHaveCount(1)
})

test('tag and source filters, a bad address, and clear filters', async ({ page }) => {
  const search = new SearchScreen(page)
  await search.open('?q=hospital')
  await search.openFilters()
  await page.getByRole('button', { name: '#family' }).click()
  await search.expectParams({ q: 'hospital', tag: 'family' })
  await expect(page.getByRole('button', { name: '#family' })).toHaveAttribute('aria-pressed', 'true')
  await expect(search.hits).toHaveCount(1)
  await expect(search.hit('grandma')).toHaveCount(1)

  await page.getByRole('button', { name: '#family' }).click()
  await page.getByRole('group', { name: 'Source' }).getByRole('button', { name: 'App', exact: true }).click()
  await search.expectParams({ q: 'hospital', source: 'app' })
  await expect(search.hits).toHaveCount(1)
  await expect(search.hit('parking')).toHaveCount(1)

  await page.getByRole('button', { name: 'Clear filters' }).click()
  await search.expectParams({ q: 'hospital' })
  await expect(search.hits).toHaveCount(2)

  // Unknown values are dropped and a date that is not one is ignored with a word about it.
  const response = await page.goto('/search?q=hospital&tier=topsecret&tier=general&source=fax&from=2026-13-45&page=-3')
  expect(response?.status()).toBe(200)
  await expect(page.getByTestId('date-problem')).toHaveText(/“2026-13-45” is not a date/)
  await expect(search.tier('general')).toBeChecked()
  await expect(search.hits).toHaveCount(1)
  await expect(search.hit('parking')).toHaveCount(1)

  // A locked tier may be chosen; it simply finds nothing.
  await search.open('?q=locker&tier=secret')
  await expect(search.status).toHaveText('Nothing matched “locker”.')
  await expect(page.getByTestId('search-empty')).toBeVisible()
  await expect(page.getByText('7731')).toHaveCount(0)
})


test('a long query of one unbroken word keeps the page within a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  const search = new SearchScreen(page)
  // A pasted token or link: 500 characters (the most a query keeps) without a space.
  const word = 'x'.repeat(500)
  await search.open(`?q=${word}`)
  await expect(search.box).toHaveValue(word)
  // The status repeats the start of it, not all 500 characters, and wraps inside the screen.
  await expect(search.status).toHaveText(`Nothing matched “${'x'.repeat(80)}…”.`)
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
})
test('keyboard only: / to the box, Enter to search, Tab to a result, Enter to open it; more results', async ({ page }) => {
  const search = new SearchScreen(page)
  await search.open('?q=harbour')
  await expect(search.hits).toHaveCount(1)
  // Opened with a query, the page leaves the focus alone.
  await expect(search.box).not.toBeFocused()
  await page.keyboard.press('/')
  await expect(search.box).toBeFocused()
  await page.keyboard.type('hospitl')
  await expect(search.box).toHaveValue('hospitl')
  await page.keyboard.press('Enter')
  await search.expectParams({ q: 'hospitl' })
  await expect(search.hit('grandma')).toHaveCount(1)
  await expect(search.box).toBeFocused()

  // "/" typed inside a text field stays a character.
  await search.box.press('End')
  await page.keyboard.type('/')
  await expect(search.box).toHaveValue('hospitl/')
  await page.keyboard.press('Backspace')

  const first = search.hits.first().getByRole('link')
  for (let i = 0; i < 8 && !(await first.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab')
  await expect(first).toBeFocused()
  const outline = await first.evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(outline).not.toBe('none')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/memories\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { name: /^Why/ })).toBeVisible()

  await page.goBack()
  await search.expectParams({ q: 'hospitl' })

  // 25 garden entries: 20, then the rest with the focus on the first new one.
  await page.keyboard.press('/')
  await page.keyboard.type('garden')
  await page.keyboard.press('Enter')
  await expect(search.hits).toHaveCount(20)
  await expect(search.status).toHaveText('Showing the first 20 results for “garden”; there are more.')
  const more = page.getByRole('button', { name: 'More results' })
  await more.focus()
  await page.keyboard.press('Enter')
  await expect(search.hits).toHaveCount(25)
  await search.expectParams({ q: 'garden', page: '2' })
  await expect(search.hits.nth(20).getByRole('link')).toBeFocused()
  await expect(more).toHaveCount(0)
  await expect(search.status).toHaveText('25 results for “garden”.')
})

test('quick results while typing: arrows pick one, Enter opens it, Escape closes the list; a locked tier offers nothing', async ({ page }) => {
  const search = new SearchScreen(page)
  await search.open()
  const answered = search.quickAnswer()
  await page.keyboard.type('hospitl')
  await answered
  const options = search.quick.getByRole('option')
  await expect(options.filter({ hasText: 'grandma' })).toHaveCount(1)
  await expect(options.filter({ hasText: 'parking' })).toHaveCount(1)
  await expect(options.filter({ hasText: 'locker' })).toHaveCount(0)
  await expect(options.filter({ hasText: 'grandma' }).locator('mark')).toHaveText('hospital')
  await expect(search.box).toHaveAttribute('aria-expanded', 'true')
  // Nothing is searched until Enter: the address is still the empty search.
  await search.expectParams({})
  await expect(search.hits).toHaveCount(0)

  await page.keyboard.press('Escape')
  await expect(search.quick).toHaveCount(0)
  await expect(search.box).toHaveValue('hospitl')
  await expect(search.box).toHaveAttribute('aria-expanded', 'false')
  await page.keyboard.press('ArrowDown')
  await expect(options.first()).toHaveAttribute('aria-selected', 'true')
  const chosen = await options.first().getAttribute('id')
  await expect(search.box).toHaveAttribute('aria-activedescendant', chosen!)
  await page.keyboard.press('ArrowDown')
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowUp')
  const firstText = (await options.first().textContent())!.slice(0, 20)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/memories\/[0-9a-f-]{36}$/)
  await expect(page.getByText(firstText).first()).toBeVisible()

  // Enter with nothing picked searches, as before; the list closes.
  await search.open()
  const again = search.quickAnswer()
  await page.keyboard.type('harbour')
  await again
  await expect(search.quick.getByRole('option')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await search.expectParams({ q: 'harbour' })
  await expect(search.hits).toHaveCount(1)
  await expect(search.quick).toHaveCount(0)

  // A click opens a memory too.
  await search.box.fill('')
  const click = search.quickAnswer()
  await search.box.pressSequentially('tomatoes watered')
  await click
  await search.quick.getByRole('option').first().click()
  await expect(page).toHaveURL(/\/memories\/[0-9a-f-]{36}$/)
  await expect(page.getByText(/garden journal entry/).first()).toBeVisible()

  // Only the locked secret holds "locker": the box offers nothing.
  await search.open()
  const locked = search.quickAnswer()
  await page.keyboard.type('locker')
  await locked
  await expect(search.quick).toHaveCount(0)
  await expect(search.box).toHaveAttribute('aria-expanded', 'false')

  // Offline, the question fails and the box stays a plain box, without an error.
  await page.context().setOffline(true)
  try {
    const failed = page.waitForEvent('requestfailed', (r) => r.method() === 'POST')
    await search.box.fill('grandma')
    await failed
    await expect(search.quick).toHaveCount(0)
    await expect(search.box).toHaveValue('grandma')
  } finally {
    await page.context().setOffline(false)
  }
})

test('the search box takes the focus when the page opens without a query (the app shortcut)', async ({ page }) => {
  const search = new SearchScreen(page)
  await search.open()
  await expect(search.box).toBeFocused()
  await expect(search.hits).toHaveCount(0)
  await expect(search.status).toHaveText('')
})
