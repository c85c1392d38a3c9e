import { expect, test, type Page } from '@playwright/test'
import { SettingsPage, SignInPage, SignUpPage } from './pages/auth'

// Issue 22: one person's offline captures never reach another account on the same browser, are
// shown only to their owner, are sealed on disk, and ultrasecret is never queued at all.
const A = { phone: '+1 415 555 0161', password: 'harbor-quince-meadow-71' }
const B = { phone: '+1 415 555 0162', password: 'falcon-birch-lantern-83' }

async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null, null, { timeout: 15_000 })
}

/** Every record of the outbox as IndexedDB keeps it, stringified with its bytes. */
function outboxOnDisk(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const request = indexedDB.open('mnemo-offline')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const all = request.result.transaction('outbox').objectStore('outbox').getAll()
          all.onsuccess = () =>
            resolve(
              JSON.stringify(all.result, (_key, value: unknown) =>
                value instanceof ArrayBuffer || ArrayBuffer.isView(value) ? new TextDecoder().decode(value as ArrayBuffer) : value,
              ),
            )
        }
      }),
  )
}

async function memoriesOf(page: Page): Promise<string[]> {
  const response = await page.request.get('/api/v1/memories?limit=100')
  expect(response.ok()).toBe(true)
  return ((await response.json()).items as { content?: string; locked?: boolean }[]).map((m) => m.content ?? '(locked)')
}

test('captures queued offline by one account are sealed, never sent with another account, and shown only to their owner', async ({ browser, page, context }) => {
  test.setTimeout(150_000)
  await new SignUpPage(page).register(A)
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  await waitForServiceWorker(page)

  await context.setOffline(true)
  const box = page.getByLabel('What do you want to remember?')
  // Ultrasecret is never kept on the device: refused with a reason, the text stays in the box.
  const ultra = '#ultrasecret offline wallet seed is in the blue tin'
  await box.fill(ultra)
  await box.press('Enter')
  await expect(page.locator('#content-error')).toContainText('never kept on this device')
  await expect(box).toHaveValue(ultra)
  await expect(page.getByTestId('pending-memory')).toHaveCount(0)

  await box.fill('pelican harbour note written offline by A')
  await box.press('Enter')
  await expect(page.getByTestId('pending-memory')).toHaveCount(1)
  // On disk it is ciphertext: neither the text nor the refused one is there.
  await expect.poll(() => outboxOnDisk(page)).toContain('"client_id"')
  const disk = await outboxOnDisk(page)
  expect(disk).not.toContain('pelican')
  expect(disk).not.toContain('wallet')

  // A's sessions are revoked from another device while this one is offline.
  const other = await browser.newContext()
  const otherPage = await other.newPage()
  await new SignInPage(otherPage).signIn(A.phone, A.password)
  await expect(otherPage).toHaveURL(/\/home$/)
  await new SettingsPage(otherPage).open()
  await otherPage.getByRole('button', { name: 'Sign out all other devices' }).click()
  await expect(otherPage.getByRole('button', { name: 'Sign out all other devices' })).toHaveCount(0)

  // Back online, the revoked page cannot send it (the server says the session is gone).
  await context.setOffline(false)
  await page.waitForTimeout(2_000)
  expect(await memoriesOf(otherPage)).not.toContain('pelican harbour note written offline by A')

  // B signs in on the same browser: A's capture is neither sent into B's account nor shown to B.
  await new SignUpPage(page).register(B)
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  await waitForServiceWorker(page)
  await page.waitForTimeout(3_000)
  expect(await memoriesOf(page)).toEqual([])
  await expect(page.getByText('pelican harbour')).toHaveCount(0)

  // Offline, B's offline page shows at most that something waits for another account.
  await context.setOffline(true)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible()
  await expect(page.getByTestId('others-waiting')).toContainText('1 capture waits on this device for an account that is not signed in here')
  await expect(page.getByText('pelican harbour')).toHaveCount(0)
  await context.setOffline(false)
  await expect(page.getByRole('heading', { name: 'You are offline' })).toHaveCount(0, { timeout: 15_000 })
  await expect(page.getByLabel('What do you want to remember?')).toBeVisible()

  // Signed out, the offline page shows no one's text.
  await new SettingsPage(page).open()
  await new SettingsPage(page).signOut()
  await context.setOffline(true)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible()
  await expect(page.getByText('Sign in again when you are back online')).toBeVisible()
  await expect(page.getByText('pelican harbour')).toHaveCount(0)
  await expect(page.getByTestId('pending-memory')).toHaveCount(0)
  await context.setOffline(false)

  // A signs in again here: the capture reaches A's account, once.
  await new SignInPage(page).signIn(A.phone, A.password)
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  await expect(page.getByTestId('memory').filter({ hasText: 'pelican harbour note written offline by A' })).toHaveCount(1, { timeout: 15_000 })
  expect((await memoriesOf(page)).filter((c) => c.includes('pelican'))).toHaveLength(1)
  expect(await memoriesOf(otherPage)).toContain('pelican harbour note written offline by A')
  await other.close()
})
