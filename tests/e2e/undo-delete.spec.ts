import { expect, test } from '@playwright/test'
import { SignUpPage } from './pages/auth'
import { DESKTOP, PHONE, TimelinePage } from './pages/timeline'

const PASSWORD = 'lantern-quartz-meadow-58'

for (const [name, viewport, theme, phone] of [
  ['phone', PHONE, 'light', '+1 415 555 0131'],
  ['desktop', DESKTOP, 'dark', '+1 415 555 0132'],
] as const) {
  test(`a delete on the timeline can be undone, and restored later from Recently deleted (${name}, ${theme})`, async ({ page }) => {
    await page.setViewportSize(viewport)
    await page.emulateMedia({ colorScheme: theme })
    await new SignUpPage(page).register({ phone, password: PASSWORD })
    await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
    const timeline = new TimelinePage(page)
    await expect(page).toHaveURL(/\/home$/)
    await timeline.send('Repainted the garden fence green')
    await timeline.send('Bought oat milk and rye bread')

    await timeline.delete('garden fence')
    await expect(timeline.memory('garden fence')).toHaveCount(0)
    await expect(timeline.undo).toContainText('Memory deleted.')
    await timeline.shot(`undo-delete-${name}-${theme}`)
    // Still offered after three seconds.
    await page.waitForTimeout(3_000)
    await timeline.undo.getByRole('button', { name: 'Undo' }).click()
    await expect(timeline.memory('garden fence')).toHaveCount(1)
    await expect(timeline.undo).toHaveCount(0)
    await page.reload()
    await expect(timeline.memory('garden fence')).toHaveCount(1)

    // Deleted and left alone: the undo goes, Recently deleted keeps it for 30 days.
    await timeline.delete('oat milk')
    await expect(timeline.undo).toBeVisible()
    await expect(timeline.undo).toHaveCount(0, { timeout: 15_000 })
    await page.goto('/settings')
    await page.getByRole('link', { name: 'See recently deleted memories' }).click()
    await expect(page.getByRole('heading', { name: 'Recently deleted', level: 1 })).toBeVisible()
    const row = page.getByTestId('deleted-memory').filter({ hasText: 'oat milk' })
    await expect(row).toContainText('restorable until')
    await timeline.shot(`recently-deleted-${name}-${theme}`)
    await row.getByRole('button', { name: /Restore/ }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Restored one memory' })).toBeVisible()
    await expect(page.getByTestId('deleted-memory')).toHaveCount(0)
    await timeline.open()
    await expect(timeline.memory('oat milk')).toHaveCount(1)
  })
}

for (const [theme, phone] of [
  ['light', '+1 415 555 0125'],
  ['dark', '+1 415 555 0126'],
] as const) {
  test(`on a phone the undo covers no text, and the stale "Saved as" line gives way to it (${theme})`, async ({ page }) => {
    await page.setViewportSize(PHONE)
    await page.emulateMedia({ colorScheme: theme })
    await new SignUpPage(page).register({ phone, password: PASSWORD })
    await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
    const timeline = new TimelinePage(page)
    await timeline.send('Swapped the bike tyres for winter ones')
    await timeline.send('Lent the ladder to the neighbours at number 12')
    const status = page.getByTestId('capture-status')
    await expect(status).toContainText('Saved as')

    await timeline.delete('bike tyres')
    await expect(timeline.undo).toContainText('Memory deleted.')
    expect(await timeline.textUnder(timeline.undo)).toEqual([])
    // The line spoke of the capture before the delete: it clears rather than stay beside the undo.
    await expect(status).toHaveCount(0)
    await timeline.shot(`undo-over-nothing-phone-${theme}`)

    // A capture while the undo shows has its own line, beside the undo and not under it.
    await timeline.send('Booked the chimney sweep for Friday')
    await expect(status).toContainText('Saved as')
    await expect(timeline.undo).toBeVisible()
    expect(await timeline.textUnder(timeline.undo)).toEqual([])
    expect(await timeline.textUnder(status)).toEqual([])
    await timeline.shot(`undo-and-status-phone-${theme}`)
    await timeline.undo.getByRole('button', { name: 'Undo' }).click()
    await expect(timeline.memory('bike tyres')).toHaveCount(1)
  })
}

test('a delete on a Details page returns to the timeline with the same undo, not a 404', async ({ page }) => {
  await page.setViewportSize(PHONE)
  await new SignUpPage(page).register({ phone: '+1 415 555 0135', password: PASSWORD })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  const timeline = new TimelinePage(page)
  await timeline.send('Dentist moved to Thursday at 3')
  const bubble = await timeline.actions('Dentist')
  await bubble.getByRole('link', { name: /Details/ }).click()
  await expect(page.getByRole('heading', { name: /^Why/ })).toBeVisible()
  await page.getByRole('button', { name: 'Delete' }).click()
  await expect(page).toHaveURL(/\/home$/)
  await expect(page.getByText('This page could not be found')).toHaveCount(0)
  await expect(timeline.memory('Dentist')).toHaveCount(0)
  await timeline.shot('details-delete-phone')
  await timeline.undo.getByRole('button', { name: 'Undo' }).click()
  await expect(timeline.memory('Dentist')).toHaveCount(1)
  // The address no longer names the deleted memory: a reload offers no stale undo.
  await page.reload()
  await expect(timeline.undo).toHaveCount(0)
})

test('offline, moving or deleting is refused inline and the page stays; the box says it is offline first', async ({ page, context }) => {
  await page.setViewportSize(PHONE)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(String(e)))
  await new SignUpPage(page).register({ phone: '+1 415 555 0134', password: PASSWORD })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  const timeline = new TimelinePage(page)
  await timeline.send('Plant the tulip bulbs before the frost')
  await expect(page.getByTestId('offline-notice')).toHaveCount(0)

  await context.setOffline(true)
  await expect(page.getByTestId('offline-notice')).toContainText('You’re offline')
  const bubble = await timeline.actions('tulip bulbs')
  await bubble.getByLabel('Move to tier').selectOption('confidential')
  await expect(bubble.getByRole('alert')).toContainText('You’re offline — try again when you’re back.')
  await bubble.getByRole('button', { name: 'Delete' }).click()
  await expect(bubble.getByRole('alert')).toContainText('You’re offline')
  await expect(page.getByText('This page couldn’t load')).toHaveCount(0)
  await expect(timeline.memory('tulip bulbs')).toHaveCount(1)

  // A capture made now waits on the device and says so.
  await timeline.box.fill('Call the glazier about the window')
  await timeline.box.press('Enter')
  const pending = page.getByTestId('pending-memory').filter({ hasText: 'glazier' })
  await expect(pending.getByTestId('pending-mark')).toHaveText('waiting to be sent')
  await expect(pending).not.toContainText('classifying')
  await timeline.shot('offline-actions-phone')

  await context.setOffline(false)
  await expect(timeline.memory('glazier')).toHaveCount(1, { timeout: 15_000 })
  await expect(page.getByTestId('offline-notice')).toHaveCount(0)
  expect(errors).toEqual([])
})
