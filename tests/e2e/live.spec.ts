import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { SignInPage, SignUpPage } from './pages/auth'

// The second test signs in as the person the first one registered.
test.describe.configure({ mode: 'serial' })

const PHONE = '+1 415 555 0166'
const PASSWORD = 'juniper-comet-anvil-39'

/** Resolves with the time (ms since the epoch) a bubble matching `selector` and `text` (any case) shows. */
function whenBubbleAppears(page: Page, selector: string, text: string): Promise<number> {
  return page.evaluate(
    ([selector, wanted]) =>
      new Promise<number>((resolve) => {
        const shown = () => [...document.querySelectorAll(selector)].some((el) => el.textContent?.toLowerCase().includes(wanted.toLowerCase()))
        if (shown()) return resolve(Date.now())
        const observer = new MutationObserver(() => {
          if (!shown()) return
          observer.disconnect()
          resolve(Date.now())
        })
        observer.observe(document.body, { childList: true, subtree: true, characterData: true })
      }),
    [selector, text],
  )
}

/** Records how long after the POST a bubble showed, in the report and the log. */
function report(what: string, started: number, answered: number, shown: number) {
  const description = `${what}: POST sent → bubble ${shown - started} ms, POST answered → bubble ${shown - answered} ms`
  test.info().annotations.push({ type: 'live delay', description })
  console.log(`[live] ${description}`)
}

async function capture(request: APIRequestContext, token: string, data: Record<string, unknown>) {
  const response = await request.post('/api/v1/memories', { headers: { authorization: `Bearer ${token}` }, data })
  expect(response.status()).toBe(201)
  return response.json()
}

test('captures from the API and from another device appear live in an open timeline', async ({ page, browser, request }) => {
  await new SignUpPage(page).register({ phone: PHONE, password: PASSWORD, name: 'Liv' })
  await expect(page).toHaveURL(/\/home$/)
  // With the service worker in control, as on an installed app: it must leave the stream alone.
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null, null, { timeout: 15_000 })
  const isStream = (url: string) => new URL(url).pathname === '/api/v1/events'
  const stream = page.waitForResponse((r) => isStream(r.url()))
  await page.reload()
  const opened = await stream
  expect(opened.status()).toBe(200)
  expect(opened.headers()['content-type']).toMatch(/^text\/event-stream/)
  expect(opened.fromServiceWorker()).toBe(false)

  // Every response the page receives from now on, to check that no secret word reaches it.
  const bodies: Promise<string>[] = []
  page.on('response', (r) => {
    if (!isStream(r.url())) bodies.push(r.text().catch(() => ''))
  })

  const tokenResponse = await request.post('/api/v1/auth/token', { data: { phone: PHONE, password: PASSWORD, name: 'live e2e' } })
  expect(tokenResponse.ok()).toBe(true)
  const token = (await tokenResponse.json()).access_token as string

  // A capture through the REST API shows within a second of the POST's answer.
  const text = 'Live from the API: the tulips on the balcony opened'
  const appeared = whenBubbleAppears(page, '[data-testid="memory"]', text)
  const started = Date.now()
  const created = await capture(request, token, { content: text, tier: 'general' })
  const answered = Date.now()
  const bubble = page.getByTestId('memory').filter({ hasText: text })
  await expect(bubble).toBeVisible({ timeout: 1000 })
  const shownAt = await appeared
  report('first capture (general)', started, answered, shownAt)
  // From the POST's answer (the first capture of a fresh server also trains the classifier).
  expect(shownAt - answered).toBeLessThan(1000)
  await expect(bubble).toHaveCount(1)
  await expect(bubble.getByTestId('tier-badge')).toHaveText('general')
  await expect(page.getByTestId('tier-count-general')).toHaveText('1')
  // Newest at the bottom: the live bubble is the last one.
  await expect(page.getByTestId('memory').last()).toContainText(text)

  // A secret captured elsewhere arrives as the lock placeholder: the page never gets its words.
  const lockedAppeared = whenBubbleAppears(page, '[data-testid="memory"][data-tier="secret"]', 'Locked')
  const secretStarted = Date.now()
  const secret = await capture(request, token, { content: 'the garage alarm code is 4471 zebracorn', tier: 'secret' })
  const secretAnswered = Date.now()
  expect(secret).toMatchObject({ tier: 'secret', locked: true })
  const lockedBubble = page.locator(`[data-testid="memory"][data-tier="secret"]`)
  await expect(lockedBubble).toBeVisible({ timeout: 1000 })
  const lockedAt = await lockedAppeared
  report('second capture (secret, locked)', secretStarted, secretAnswered, lockedAt)
  expect(lockedAt - secretAnswered).toBeLessThan(1000)
  // This account has no passkey yet: the placeholder says it is locked and offers to add one.
  await expect(lockedBubble).toContainText(/locked/i)
  await expect(lockedBubble.getByRole('button', { name: 'Add a passkey' })).toBeVisible()
  await expect(page.getByText('zebracorn')).toHaveCount(0)

  // Another device, signed in as the same person, writes with its composer.
  const phone = await browser.newContext()
  const other = await phone.newPage()
  await new SignInPage(other).signIn(PHONE, PASSWORD)
  await expect(other).toHaveURL(/\/home$/)
  const fromPhone = 'Written on the phone: the train was twenty minutes late'
  const box = other.getByLabel('What do you want to remember?')
  await box.fill(fromPhone)
  await box.press('Enter')
  await expect(other.getByTestId('capture-status')).toContainText('Saved as')
  await expect(page.getByTestId('memory').filter({ hasText: fromPhone })).toBeVisible({ timeout: 1000 })
  // The writing device shows its own capture once, not once pending and once from the event.
  await expect(other.getByTestId('memory').filter({ hasText: fromPhone })).toHaveCount(1)
  await expect(other.getByTestId('pending-memory')).toHaveCount(0)
  // And it saw the API's captures live too, the secret locked.
  await expect(other.getByTestId('memory').filter({ hasText: text })).toHaveCount(1)

  // A delete elsewhere takes the bubble away.
  const removed = await request.delete(`/api/v1/memories/${created.id}`, { headers: { authorization: `Bearer ${token}` } })
  expect(removed.status()).toBe(204)
  await expect(bubble).toHaveCount(0, { timeout: 1000 })

  for (const body of await Promise.all(bodies)) expect(body).not.toContain('zebracorn')
  await phone.close()
})

test('a timeline that was offline catches up when the connection returns', async ({ page, context, request }) => {
  // Requests of the page other than the stream, to know when it has settled.
  const inFlight = new Set<unknown>()
  page.on('request', (r) => new URL(r.url()).pathname !== '/api/v1/events' && inFlight.add(r))
  page.on('requestfinished', (r) => inFlight.delete(r))
  page.on('requestfailed', (r) => inFlight.delete(r))

  await new SignInPage(page).signIn(PHONE, PASSWORD)
  await expect(page).toHaveURL(/\/home$/)
  const token = (await (await request.post('/api/v1/auth/token', { data: { phone: PHONE, password: PASSWORD, name: 'live e2e 2' } })).json()).access_token as string
  // Live and settled: a capture shows, and whatever the page was reloading (the first test wrote
  // moments before this page was read, so its stream may have asked for a reload) has arrived.
  const settled = 'Before going offline: the stream is open'
  await capture(request, token, { content: settled, tier: 'general' })
  await expect(page.getByTestId('memory').filter({ hasText: settled })).toBeVisible({ timeout: 1000 })
  await expect.poll(() => [...inFlight].map((r) => (r as { url(): string }).url())).toEqual([])

  // Offline, the page cannot read what an event announces (nor would a dropped stream announce it).
  await context.setOffline(true)
  const missed = 'Captured while the timeline was offline: paid the electricity bill'
  await capture(request, token, { content: missed, tier: 'general' })
  await page.waitForTimeout(500)
  await expect(page.getByTestId('memory').filter({ hasText: missed })).toHaveCount(0)
  await context.setOffline(false)
  await expect(page.getByTestId('memory').filter({ hasText: missed })).toBeVisible({ timeout: 5_000 })
  await expect(page.getByTestId('memory').filter({ hasText: missed })).toHaveCount(1)

  // And live again.
  const after = 'Back online: new captures arrive live again'
  await capture(request, token, { content: after, tier: 'general' })
  await expect(page.getByTestId('memory').filter({ hasText: after })).toBeVisible({ timeout: 1000 })
})

test('a reader at the bottom follows new memories; one reading earlier ones stays where they are', async ({ page, request }) => {
  await new SignInPage(page).signIn(PHONE, PASSWORD)
  await expect(page).toHaveURL(/\/home$/)
  const token = (await (await request.post('/api/v1/auth/token', { data: { phone: PHONE, password: PASSWORD, name: 'live e2e 3' } })).json()).access_token as string
  const gapToBottom = () => page.evaluate(() => document.documentElement.scrollHeight - (window.scrollY + window.innerHeight))

  // More than a screenful arrives while the reader is at the bottom: it stays at the bottom.
  for (let i = 1; i <= 12; i++) await capture(request, token, { content: `Filler ${i}: a line long enough to take a little room on the page`, tier: 'general' })
  await expect(page.getByTestId('memory').filter({ hasText: 'Filler 12:' })).toBeInViewport({ timeout: 2000 })
  expect(await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight * 1.5)).toBe(true)
  await expect.poll(gapToBottom).toBeLessThan(5)

  // Scrolled up to read: a new memory is added below without moving the page.
  await page.evaluate(() => window.scrollTo(0, 0))
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0)
  const below = 'Arrived while reading older memories'
  await capture(request, token, { content: below, tier: 'general' })
  await expect(page.getByTestId('memory').filter({ hasText: below })).toBeAttached({ timeout: 1000 })
  await expect(page.getByTestId('memory').filter({ hasText: below })).not.toBeInViewport()
  expect(await page.evaluate(() => window.scrollY)).toBe(0)
})
