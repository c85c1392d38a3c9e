// Page object for the search page.
import { expect, type Page } from '@playwright/test'

export class SearchScreen {
  constructor(private readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/search${query}`)
    await expect(this.page.getByRole('heading', { name: 'Search', level: 1 })).toBeVisible()
  }

  get box() {
    return this.page.getByLabel('Search your memories')
  }

  /** The search box's quick results, shown while a query is typed. */
  get quick() {
    return this.page.getByRole('listbox', { name: 'Quick results' })
  }

  /** Waits for the search box's server action to answer (a POST with a Next-Action header). */
  quickAnswer() {
    return this.page.waitForResponse((r) => r.request().method() === 'POST' && r.request().headers()['next-action'] !== undefined)
  }

  get hits() {
    return this.page.getByTestId('search-hit')
  }

  get status() {
    return this.page.getByTestId('search-status')
  }

  hit(text: string) {
    return this.hits.filter({ hasText: text })
  }

  async openFilters() {
    const summary = this.page.locator('summary', { hasText: 'Filters' })
    if ((await summary.locator('xpath=..').getAttribute('open')) === null) await summary.click()
    await expect(this.page.getByRole('group', { name: 'Tiers' })).toBeVisible()
  }

  tier(name: string) {
    return this.page.getByRole('group', { name: 'Tiers' }).getByRole('checkbox', { name })
  }

  get from() {
    return this.page.getByLabel('From')
  }

  get to() {
    return this.page.getByLabel('To', { exact: true })
  }

  async applyFilters() {
    await this.page.getByRole('button', { name: 'Apply filters' }).click()
  }

  /** Waits until the address holds exactly these parameters (the page renders from it). */
  async expectParams(params: Record<string, string | string[]>) {
    const expected = new URLSearchParams()
    for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) expected.append(key, v)
    await expect.poll(() => new URL(this.page.url()).search.slice(1)).toBe(expected.toString())
  }
}
