// Profile and preferences: view and edit, each change recorded in the preference history.
import { desc, eq } from 'drizzle-orm'
import { getUserByEmail, getUserById, updateUserById } from '@/db/queries/users'
import { preferenceHistory, type PreferenceChange, type User } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { AppError } from '@/lib/errors'
import { getDb } from '@/db'
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
  preferences: Preferences
  created_at: string
  last_login_at: string | null
}

export function publicProfile(user: User): Profile {
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
    preferences: effectivePreferences(user.preferences),
    created_at: user.createdAt.toISOString(),
    last_login_at: user.lastLoginAt?.toISOString() ?? null,
  }
}

export async function getProfile({ userId }: { userId: string }): Promise<Profile> {
  const user = await withUser(userId, (tx) => getUserById(tx, { id: userId }))
  if (!user) throw new AppError('not_found:user')
  return publicProfile(user)
}

/** Applies the changes the user made; `actorId` is who made them (the user, or an admin). */
export async function updateProfile({
  userId,
  actorId,
  changes,
}: {
  userId: string
  actorId: string
  changes: ProfileUpdate
}): Promise<Profile> {
  if (changes.email) {
    const other = await getUserByEmail(await getDb(), { email: changes.email })
    if (other && other.id !== userId) throw emailTaken()
  }
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
      const oldFlat = flatten({ name: before.name, email: before.email, timezone: before.timezone, preferences: oldPrefs })
      const values = {
        ...(changes.name !== undefined ? { name: changes.name || null } : {}),
        ...(changes.email !== undefined ? { email: changes.email?.toLowerCase() || null } : {}),
        ...(changes.timezone !== undefined ? { timezone: changes.timezone } : {}),
        preferences: newPrefs,
      }
      const after = await updateUserById(tx, { id: userId, values })
      if (!after) throw new AppError('not_found:user')
      const newFlat = flatten({ name: after.name, email: after.email, timezone: after.timezone, preferences: newPrefs })
      const history = Object.keys(newFlat)
        .filter((key) => JSON.stringify(oldFlat[key]) !== JSON.stringify(newFlat[key]))
        .map((key) => ({ userId, key, oldValue: oldFlat[key] ?? null, newValue: newFlat[key] ?? null, changedBy: actorId }))
      if (history.length > 0) await tx.insert(preferenceHistory).values(history)
      return after
    })
    return publicProfile(user)
  } catch (error) {
    if (uniqueViolation(error)) throw emailTaken()
    throw error
  }
}

export function listPreferenceHistory({ userId, limit = 50 }: { userId: string; limit?: number }): Promise<PreferenceChange[]> {
  return withUser(userId, (tx) =>
    tx.select().from(preferenceHistory).where(eq(preferenceHistory.userId, userId)).orderBy(desc(preferenceHistory.changedAt), desc(preferenceHistory.id)).limit(limit),
  )
}

function emailTaken(): AppError {
  const message = 'An account with this email already exists.'
  return new AppError('conflict:email', { message, fieldErrors: { email: [message] }, details: { field: 'email' } })
}
