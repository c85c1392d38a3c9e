// "Happened …" on a memory's Details page names the day the writer meant, in their own time zone
// (issue 24, item 17). The writer is put where it is now about nine in the morning: there a
// past-tense "this morning" is already over, and today's date or weekday is still before the
// noon chrono assumes for a day without a clock time.
import { expect, test } from '@playwright/test'
import { SignUpPage } from './pages/auth'
import { PHONE, TimelinePage } from './pages/timeline'

const PASSWORD = 'quay-lichen-ember-31'

// One zone per whole-hour offset from UTC-11 to UTC+12, none changing its clocks in December or June.
const ZONES = [
  'Pacific/Pago_Pago', 'Pacific/Honolulu', 'Pacific/Gambier', 'Pacific/Pitcairn', 'America/Phoenix', 'America/Regina',
  'America/Bogota', 'America/Caracas', 'America/Argentina/Buenos_Aires', 'Atlantic/South_Georgia', 'Atlantic/Cape_Verde', 'UTC',
  'Africa/Lagos', 'Africa/Johannesburg', 'Europe/Istanbul', 'Asia/Dubai', 'Asia/Tashkent', 'Asia/Dhaka', 'Asia/Bangkok',
  'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Brisbane', 'Pacific/Noumea', 'Pacific/Tarawa',
]

const local = (zone: string, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, ...options }).format(new Date())

test('Details says the memory happened on the day its words name, in the writer’s time zone', async ({ browser }) => {
  const zone = ZONES.find((z) => Number(local(z, { hour: 'numeric', hourCycle: 'h23' })) === 9)!
  const context = await browser.newContext({ timezoneId: zone, viewport: PHONE })
  const page = await context.newPage()
  await new SignUpPage(page).register({ phone: '+1 415 555 0124', password: PASSWORD })
  await expect(page).toHaveURL(/\/home$/, { timeout: 20_000 })
  const today = local(zone, { day: 'numeric', month: 'long', year: 'numeric' })
  const [day, month] = today.split(' ')
  const weekday = local(zone, { weekday: 'long' })
  const timeline = new TimelinePage(page)
  const details = async (text: string) => {
    const bubble = await timeline.actions(text)
    await bubble.getByRole('link', { name: /Details/ }).click()
    await expect(page.getByRole('heading', { name: /^Why/ })).toBeVisible()
    await expect(page.locator('article header')).toContainText(`Written ${today}`)
    return page.locator('article header span').filter({ hasText: /^Happened/ })
  }

  // Today's date and weekday are today, not a year or a week back (no Happened line: it names no other day).
  for (const text of [`Met Ana at the harbour on ${day} ${month}`, `Walked the dog with Ana on ${weekday}`]) {
    await timeline.open()
    await timeline.send(text)
    await details(text)
    await expect(page.locator('article header')).not.toContainText('Happened')
  }

  // A time of day gone by in a past-tense sentence is this morning, not tomorrow's.
  await timeline.open()
  await timeline.send('Cycled round the lake this morning')
  await expect(await details('Cycled round the lake')).toHaveText(`Happened ${today} at 06:00`)
  await timeline.shot('happened-this-morning')

  await context.close()
})
