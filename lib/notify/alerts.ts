// Security alerts for the user: repeated failed unlocks (3 in 10 minutes), an unlock or a
// sign-in from a device or IP not seen before, any event with a risk score above 0.7, and the
// changes that would let someone else keep the account (a passkey added or removed, the password
// changed or reset). Each becomes an in-app notification, and an email where the user enabled
// email notifications; the account changes are mailed to a confirmed address whatever that
// setting says, since whoever made them may also be the one reading the app.
import { logError } from '@/lib/log'
import type { DbExecutor } from '@/db'
import { countFailedUnlocksByUser, listKnownPlacesByUser } from '@/db/queries/access-log'
import { insertNotifications } from '@/db/queries/notifications'
import { getUserById } from '@/db/queries/users'
import { withUser } from '@/db/with-user'
import type { AccessLogEntry } from '@/db/schema'
import { effectivePreferences } from '@/lib/accounts/preferences'
import { sendMail } from './mail'

const FAILED_UNLOCKS = 3
const WINDOW_MS = 10 * 60_000
const HIGH_RISK = 0.7

interface Alert {
  kind: string
  title: string
  body: string
  /** Mailed to a confirmed address even with email notifications off. */
  critical?: boolean
}

const IF_NOT_YOU = 'If this was not you, reset your password from the sign-in page: a reset ends every session, revokes every API token and removes every passkey.'

/** Changes that would let someone else keep the account, by access-log action. */
const ACCOUNT_CHANGES: Record<string, { kind: string; title: string; what: string }> = {
  'passkey.register': { kind: 'security.passkey_added', title: 'A passkey was added to your account', what: 'A passkey was added' },
  'passkey.remove': { kind: 'security.passkey_removed', title: 'A passkey was removed from your account', what: 'A passkey was removed' },
  'password.change': { kind: 'security.password_changed', title: 'Your password was changed', what: 'Your password was changed' },
  'password_reset.confirm': { kind: 'security.password_reset', title: 'Your password was reset', what: 'Your password was reset with an emailed link' },
}

/** Whether the row's device and IP were both seen in the user's earlier successful rows; 'first' when there are none. */
async function placeOf(db: DbExecutor, userId: string, row: AccessLogEntry): Promise<'known' | 'new' | 'first'> {
  const seen = await listKnownPlacesByUser(db, { userId, exceptId: row.id, limit: 500 })
  if (seen.length === 0) return 'first'
  return seen.some((s) => s.device === row.device) && seen.some((s) => s.ip === row.ip) ? 'known' : 'new'
}

async function alertsFor(db: DbExecutor, row: AccessLogEntry): Promise<Alert[]> {
  if (!row.userId) return []
  const alerts: Alert[] = []
  const where = [row.device, row.ip].filter(Boolean).join(', ') || 'an unknown device'
  if (row.action === 'unlock' && !row.success) {
    const recent = await countFailedUnlocksByUser(db, { userId: row.userId, since: new Date(Date.now() - WINDOW_MS) })
    if (recent === FAILED_UNLOCKS) {
      alerts.push({ kind: 'security.failed_unlocks', title: 'Failed unlocks of your protected memories', body: `${FAILED_UNLOCKS} failed unlocks in 10 minutes from ${where}. Unlocking is paused for 15 minutes. If this was not you, change your password and sign out other devices.` })
    }
  }
  if (row.action === 'unlock' && row.success) {
    if ((await placeOf(db, row.userId, row)) !== 'known') alerts.push({ kind: 'security.new_device', title: 'Protected memories unlocked from a new device', body: `Your ${row.tier ?? 'protected'} memories were unlocked from ${where}.` })
  }
  const change = row.success ? ACCOUNT_CHANGES[row.action] : undefined
  if (change) alerts.push({ kind: change.kind, title: change.title, body: `${change.what} from ${where}. ${IF_NOT_YOU}`, critical: true })
  // A sign-in with no history to compare with (sign-up is itself a row) says nothing.
  if (row.action === 'login' && row.success && (await placeOf(db, row.userId, row)) === 'new') {
    alerts.push({ kind: 'security.new_sign_in', title: 'A sign-in from a new device', body: `Someone signed in to your account from ${where}. ${IF_NOT_YOU}` })
  }
  if (row.riskScore > HIGH_RISK) {
    alerts.push({ kind: 'security.high_risk', title: 'Unusual activity on your account', body: `A high-risk event (${row.action}) came from ${where}.` })
  }
  return alerts
}

/**
 * Tells a user that an administrator acted on their account (in-app, and by email where they
 * enabled it). A failure here never undoes the action.
 */
export async function alertUser(db: DbExecutor, userId: string, alert: { kind: string; title: string; body: string; accessLogId?: number }): Promise<void> {
  try {
    await withUser(userId, (tx) => insertNotifications(tx, [{ userId, kind: alert.kind, title: alert.title, body: alert.body, data: alert.accessLogId ? { accessLogId: alert.accessLogId } : {} }]))
    const user = await getUserById(db, { id: userId })
    if (user?.email && effectivePreferences(user.preferences).notifications.email) await sendMail({ to: user.email, subject: `mnemo: ${alert.title}`, text: `${alert.body}\n` })
  } catch (error) {
    console.error('[mnemo] could not alert a user of an admin action:', error instanceof Error ? error.message : error)
  }
}

/** Called for every access-log row; failures here never break the action that was logged. */
export async function raiseAlerts(db: DbExecutor, row: AccessLogEntry): Promise<void> {
  try {
    const alerts = await alertsFor(db, row)
    if (alerts.length === 0 || !row.userId) return
    await insertNotifications(db, alerts.map((a) => ({ userId: row.userId!, kind: a.kind, title: a.title, body: a.body, data: { accessLogId: row.id } })))
    const user = await getUserById(db, { id: row.userId })
    const wanted = Boolean(user && effectivePreferences(user.preferences).notifications.email)
    for (const a of alerts) {
      if (user?.email && (wanted || (a.critical && user.emailVerifiedAt))) await sendMail({ to: user.email, subject: `mnemo: ${a.title}`, text: `${a.body}\n` })
    }
  } catch (error) {
    logError('security alert', error)
  }
}
