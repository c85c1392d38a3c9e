// Page object for the timeline (home) and what hangs off it: a bubble's actions, the undo of a
// delete, Recently deleted, and screenshots to look at.
import { expect, type Locator, type Page } from '@playwright/test'

export const PHONE = { width: 390, height: 844 }
export const DESKTOP = { width: 1366, height: 900 }

export class TimelinePage {
  constructor(private readonly page: Page) {}

  async open(query = '') {
    await this.page.goto(`/home${query}`)
    await expect(this.page.getByRole('heading', { name: /^Timeline/, level: 1 })).toBeAttached()
  }

  get box() {
    return this.page.getByLabel('What do you want to remember?')
  }

  get memories() {
    return this.page.getByTestId('memory')
  }

  memory(text: string): Locator {
    return this.memories.filter({ hasText: text })
  }

  /** Writes a memory and waits until it is stored (its bubble no longer pending). */
  async send(text: string) {
    await this.box.fill(text)
    await this.box.press('Enter')
    // The first capture of a fresh server loads the classifier: give it time.
    await expect(this.memory(text.slice(0, 40))).toHaveCount(1, { timeout: 20_000 })
  }

  /** Opens a bubble's one "Actions" control and returns the bubble. */
  async actions(text: string): Promise<Locator> {
    const bubble = this.memory(text)
    await bubble.getByText('Actions').click()
    return bubble
  }

  async delete(text: string) {
    const bubble = await this.actions(text)
    await bubble.getByRole('button', { name: 'Delete' }).click()
  }

  get undo() {
    return this.page.getByTestId('undo-delete')
  }

  /** Text on the page that `cover`'s box overlaps (any visible text outside it), as "text @ box" lines. */
  async textUnder(cover: Locator): Promise<string[]> {
    return cover.evaluate((over) => {
      const box = over.getBoundingClientRect()
      const found: string[] = []
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim()
        const parent = node.parentElement
        if (!text || !parent || over.contains(node) || !parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue
        const own = parent.getBoundingClientRect()
        if (own.width <= 1 || own.height <= 1) continue // sr-only text
        const range = document.createRange()
        range.selectNodeContents(node)
        for (const r of range.getClientRects()) {
          if (r.left < box.right && r.right > box.left && r.top < box.bottom && r.bottom > box.top) found.push(`${text.slice(0, 60)} @ ${Math.round(r.top)}-${Math.round(r.bottom)}`)
        }
      }
      return found
    })
  }

  /** A full-page screenshot under .data/screens (kept between runs; test-results is emptied at each start), for a person to look at. */
  async shot(name: string) {
    await this.page.screenshot({ path: `.data/screens/${name}.png`, fullPage: true })
  }
}
