// Profile and preferences: view and edit, each change recorded in the preference history.
// Email and phone changes go through ./contact (proof of presence, confirmation, notices).
import { getPendingEmailConfirmationByUser } from '@/db/queries/email-confirmations'
import { insertPreferenceChanges, listPreferenceChangesByUser } from '@/db/queries/preference-history'
import { getUserByPhone, getUserById, updateUserById } from '@/db/queries/users'
import type { PreferenceChange, Session, User } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { normalizePhone } from '@/lib/auth/phone'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { getDb } from '@/db'
import { assertEmailFree, assertOwnerPresent, emailTaken, sendEmailConfirmation, sendEmailRemovedNotice, sendPhoneChangeNotice } from './contact'
import { effectivePreferences, flatten, type Preferences } from './preferences'
import { uniqueViolation } from './register'
import type { ProfileUpdate } from './schema'

export interface Profile {
  id: string
  phone: string
  email: string | null
  name: string | null
  timezone: string
  role: User['role']
  max_tier: number
  active: boolean
  verified: boolean
  /** Whether `email` was confirmed (only a confirmed address receives password resets). */
  email_verified: boolean
  /** A new address waiting for its confirmation link to be followed. */
  pending_email: string | null
  preferences: Preferences
  created_at: string
  last_login_at: string | null
}

export function publicProfile(user: User, pendingEmail: string | null = null): Profile {
  return {
    id: user.id,
    phone: user.phone,
    email: user.email,
    name: user.name,
    timezone: user.timezone,
    role: user.role,
    max_tier: user.maxTier,
    active: user.active,
    verified: user.verified,
    email_verified: Boolean(user.email && user.emailVerifiedAt),
    pending_email: pendingEmail,
    preferences: effectivePreferences(user.preferences),
    created_at: user.createdAt.toISOString(),
    last_login_at: user.lastLoginAt?.toISOString() ?? null,
  }
}

export async function getProfile({ userId }: { userId: string }): Promise<Profile> {
  const [user, pending] = await withUser(userId, (tx) => Promise.all([getUserById(tx, { id: userId }), getPendingEmailConfirmationByUser(tx, { userId })]))
  if (!user) throw new AppError('not_found:user')
  return publicProfile(user, pending?.email ?? null)
}

/**
 * Applies the changes the user made. A new email or phone needs the current password (or a
 * fresh passkey step-up of `session`); a new email is only mailed a confirmation link here.
 */
export async function updateProfile({
  userId,
  actorId,
  changes,
  session,
  info,
}: {
  userId: string
  actorId: string
  changes: ProfileUpdate
  session?: Session
  info: RequestInfo
}): Promise<Profile> {
  const db = await getDb()
  const current = await getUserById(db, { id: userId })
  if (!current) throw new AppError('not_found:user')
  const newEmail = changes.email === undefined ? undefined : changes.email?.toLowerCase() || null
  const confirmEmail = newEmail && newEmail !== current.email ? newEmail : null
  const removeEmail = newEmail === null && current.email !== null
  const newPhone = changes.phone === undefined ? undefined : normalizePhone(changes.phone)
  if (newPhone === null) throw new AppError('bad_request:account', { message: 'That phone number is not valid.', fieldErrors: { phone: ['Enter the number in international form, e.g. +1 415 555 2671.'] } })
  const changePhone = newPhone !== undefined && newPhone !== current.phone
  if (confirmEmail || removeEmail || changePhone) {
    await assertOwnerPresent({ user: current, session, currentPassword: changes.current_password, info })
  }
  if (changePhone) {
    const other = await getUserByPhone(db, { phone: newPhone })
    if (other && other.id !== userId) throw phoneTaken()
  }
  // Before anything is written: a 409 for the email must not follow a phone and name already changed.
  if (confirmEmail) await assertEmailFree(userId, confirmEmail)
  try {
    const user = await withUser(userId, async (tx) => {
      const before = await getUserById(tx, { id: userId })
      if (!before) throw new AppError('not_found:user')
      const oldPrefs = effectivePreferences(before.preferences)
      const newPrefs: Preferences = {
        ...oldPrefs,
        ...(changes.preferences ?? {}),
        notifications: { ...oldPrefs.notifications, ...(changes.preferences?.notifications ?? {}) },
      }
      const oldFlat = flatten({ name: before.name, email: before.email, phone: before.phone, timezone: before.timezone, preferences: oldPrefs })
      const values = {
        ...(changes.name !== undefined ? { name: changes.name || null } : {}),
        ...(removeEmail ? { email: null, emailVerifiedAt: null } : {}),
        ...(changePhone ? { phone: newPhone } : {}),
        ...(changes.timezone !== undefined ? { timezone: changes.timezone } : {}),
        preferences: newPrefs,
      }
      const after = await updateUserById(tx, { id: userId, values })
      if (!after) throw new AppError('not_found:user')
      const newFlat = flatten({ name: after.name, email: after.email, phone: after.phone, timezone: after.timezone, preferences: newPrefs })
      const history = Object.keys(newFlat)
        .filter((key) => JSON.stringify(oldFlat[key]) !== JSON.stringify(newFlat[key]))
        .map((key) => ({ userId, key, oldValue: oldFlat[key] ?? null, newValue: newFlat[key] ?? null, changedBy: actorId }))
      if (history.length > 0) await insertPreferenceChanges(tx, history)
      return after
    })
    if (changePhone) await sendPhoneChangeNotice(current, user.phone)
    if (removeEmail && current.email && current.emailVerifiedAt) await sendEmailRemovedNotice(current.email)
    if (confirmEmail) await sendEmailConfirmation({ user: current, email: confirmEmail, info })
    return getProfile({ userId })
  } catch (error) {
    const constraint = uniqueViolation(error)
    if (constraint) throw constraint.includes('phone') ? phoneTaken() : emailTaken()
    throw error
  }
}

function phoneTaken(): AppError {
  const message = 'An account with this phone number already exists.'
  return new AppError('conflict:phone', { message, fieldErrors: { phone: [message] }, details: { field: 'phone' } })
}

export function listPreferenceHistory({ userId, limit = 50 }: { userId: string; limit?: number }): Promise<PreferenceChange[]> {
  return withUser(userId, (tx) => listPreferenceChangesByUser(tx, { userId, limit }))
}
