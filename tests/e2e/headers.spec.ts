import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { SignUpPage } from './pages/auth'

// Issue 22: security headers on every page, no framing by another origin, no inline script
// without the response's nonce, and server actions that do not believe a forged X-Forwarded-Host.
const appPort = Number(process.env.E2E_PORT ?? 3210)
/** The capture's client id: a replay with the same one would just return the stored memory. */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g

test('pages carry the security headers, and every script has the nonce of its response', async ({ page }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  await new SignUpPage(page).register({ phone: '+1 415 555 0181', password: 'orchid-tundra-kettle-52' })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  for (const path of ['/home', '/settings', '/search', '/sign-in', '/~offline', '/']) {
    const response = await page.request.get(path)
    const headers = response.headers()
    const policy = headers['content-security-policy']
    expect(policy, path).toContain("frame-ancestors 'none'")
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1]
    expect(nonce, path).toBeTruthy()
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('same-origin')
    expect(headers['permissions-policy']).toContain('camera=()')
    expect(headers['x-frame-options']).toBe('DENY')
    // Plain http here: no HSTS (it is sent when mnemo is served over https).
    expect(headers['strict-transport-security']).toBeUndefined()
    const html = await response.text()
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])
    expect(scripts.length, path).toBeGreaterThan(0)
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`)
  }
  // The app works under the policy: the timeline hydrates and sends a message.
  await page.goto('/home')
  const box = page.getByLabel('What do you want to remember?')
  await box.fill('headers check: bought basil')
  await box.press('Enter')
  await expect(page.getByTestId('memory').filter({ hasText: 'headers check: bought basil' })).toHaveCount(1)
  expect(violations).toEqual([])
})

test('another origin cannot frame the app, even with the person signed in', async ({ page }) => {
  const framer = http.createServer((request, response) => {
    response.setHeader('content-type', 'text/html')
    if (request.url === '/inner') return void response.end('<h1>framed fine</h1>')
    response.end(`<h1>framing page</h1><iframe id="own" src="/inner"></iframe><iframe id="app" src="http://localhost:${appPort}/settings"></iframe>`)
  })
  // Another origin: 127.0.0.1 on a free port of its own.
  await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve))
  try {
    await new SignUpPage(page).register({ phone: '+1 415 555 0182', password: 'marble-sparrow-clover-64' })
    await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
    const refused = page.waitForEvent('console', { predicate: (m) => /frame-ancestors|Refused to frame/i.test(m.text()), timeout: 10_000 }).catch(() => null)
    await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`)
    // Framing works in general (the page's own frame shows)...
    await expect(page.frameLocator('#own').getByRole('heading', { name: 'framed fine' })).toBeVisible()
    // ...but not mnemo's settings.
    await page.waitForTimeout(1_500)
    await expect(page.frameLocator('#app').getByRole('heading', { name: 'Settings' })).toHaveCount(0)
    expect(page.frames().some((f) => f.url().includes('/settings') && f.url().startsWith('http://localhost'))).toBe(false)
    expect(await refused).not.toBeNull()
  } finally {
    await new Promise((resolve) => framer.close(resolve))
  }
})

test('a server action with a forged Origin and X-Forwarded-Host is refused', async ({ page }) => {
  await new SignUpPage(page).register({ phone: '+1 415 555 0183', password: 'copper-lagoon-thimble-47' })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  // Record a real capture action as the browser sends it.
  const sent = page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']))
  const box = page.getByLabel('What do you want to remember?')
  await box.fill('genuine capture marker-one')
  await box.press('Enter')
  const original = await sent
  await expect(page.getByTestId('memory').filter({ hasText: 'genuine capture marker-one' })).toHaveCount(1)
  const body = original.postDataBuffer()!.toString('utf8')
  const headers = { ...(await original.allHeaders()) }
  for (const name of Object.keys(headers)) if (name.startsWith(':') || name === 'content-length' || name === 'cookie') delete headers[name]

  const replay = (text: string, extra: Record<string, string>) =>
    page.request.fetch(original.url(), { method: 'POST', headers: { ...headers, ...extra }, data: Buffer.from(body.replace('genuine capture marker-one', text).replace(UUID, randomUUID())) })
  const forged = await replay('forged capture marker-two', { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' })
  expect(forged.ok()).toBe(false)
  // The same request from the app's own origin works (the replay itself is sound).
  const genuine = await replay('replayed capture marker-three', {})
  expect(genuine.ok()).toBe(true)

  const items = ((await (await page.request.get('/api/v1/memories?limit=50')).json()).items as { content?: string }[]).map((m) => m.content)
  expect(items).toContain('replayed capture marker-three')
  expect(items).not.toContain('forged capture marker-two')
})
