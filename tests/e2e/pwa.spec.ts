import { expect, test } from '@playwright/test'
import { SignUpPage } from './pages/auth'

test('the manifest has every installability field', async ({ request }) => {
  const response = await request.get('/manifest.webmanifest')
  expect(response.ok()).toBe(true)
  const manifest = await response.json()
  expect(manifest).toMatchObject({ name: expect.any(String), short_name: 'mnemo', display: 'standalone', start_url: '/home' })
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i)
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i)
  const icons = manifest.icons as { src: string; sizes: string; purpose?: string }[]
  expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']))
  expect(icons.some((i) => i.purpose === 'maskable')).toBe(true)
  for (const icon of icons) expect((await request.get(icon.src)).headers()['content-type']).toBe('image/png')
  expect((manifest.shortcuts as { url: string }[]).map((s) => s.url)).toEqual(['/home?compose=1', '/search'])
})

test('offline captures wait on the device, survive a reload, and are sent exactly once', async ({ page, context }) => {
  await new SignUpPage(page).register({ phone: '+1 415 555 0133', password: 'lantern-thistle-ocean-58' })
  await expect(page).toHaveURL(/\/home$/)
  // The service worker takes control of the page.
  await page.waitForFunction(async () => (await navigator.serviceWorker.ready) && navigator.serviceWorker.controller !== null, null, { timeout: 15_000 })
  const installability = await (await context.newCDPSession(page)).send('Page.getInstallabilityErrors')
  expect(installability.installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([])

  await context.setOffline(true)
  const box = page.getByLabel('What do you want to remember?')
  for (const text of ['offline note one: bought lemons', 'offline note two: fixed the bike', 'offline note three: called Ana']) {
    await box.fill(text)
    await box.press('Enter')
  }
  await expect(page.getByTestId('pending-memory')).toHaveCount(3)
  await expect(page.getByTestId('pending-mark').first()).toHaveText('waiting to be sent')

  // A reload while offline: the service worker answers with the offline page, which still shows them.
  await page.reload()
  await expect(page.getByRole('heading', { name: 'You are offline' })).toBeVisible()
  await expect(page.getByTestId('pending-memory')).toHaveCount(3)

  await context.setOffline(false)
  await expect(page.getByRole('heading', { name: 'You are offline' })).toHaveCount(0, { timeout: 15_000 })
  await expect(page).toHaveURL(/\/home$/)
  await expect(page.getByTestId('memory').filter({ hasText: 'offline note' })).toHaveCount(3)
  await expect(page.getByTestId('pending-memory')).toHaveCount(0)

  // The server has three, not six, even though the page and Background Sync may both have sent them.
  await page.waitForTimeout(1_500)
  const list = await page.request.get('/api/v1/memories?limit=50')
  expect(list.ok()).toBe(true)
  const items = (await list.json()).items as { content?: string }[]
  expect(items.filter((m) => m.content?.startsWith('offline note'))).toHaveLength(3)

  // Signing out clears what this user left on the device.
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/sign-in/)
  const leftovers = await page.evaluate(async () => {
    const names = await caches.keys()
    return names.filter((n) => !n.includes('precache') && !n.includes('static'))
  })
  expect(leftovers).toEqual([])
})
