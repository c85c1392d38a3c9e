// Admin actions on accounts. Every one is checked against the actor's role, written to the
// access log (the actor's row, with the target's id) and told to the user concerned.
import { getDb } from '@/db'
import { revokeSessionsByUser } from '@/db/queries/sessions'
import { getUserById, updateUserById } from '@/db/queries/users'
import type { User } from '@/db/schema'
import { recordAccess } from '@/lib/audit'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { alertUser } from '@/lib/notify/alerts'
import { shredAccount } from './delete'
import { assertNotLastAdmin, assertNotLastAdminIn } from './last-admin'

export async function assertAdmin(actorId: string): Promise<User> {
  const actor = await getUserById(await getDb(), { id: actorId })
  if (!actor || actor.role !== 'admin' || !actor.active) throw new AppError('forbidden:admin', { message: 'Only an administrator can do that.' })
  return actor
}

interface AdminAction {
  actorId: string
  userId: string
  info?: RequestInfo
}

async function logged(action: string, { actorId, userId, info }: AdminAction, details: Record<string, unknown>, alert: { title: string; body: string } | null) {
  const row = await recordAccess({ userId: actorId, action, success: true, ...info, details: { target: userId, ...details } })
  if (alert) await alertUser(await getDb(), userId, { kind: action, accessLogId: row.id, ...alert })
}

async function target(userId: string): Promise<User> {
  const user = await getUserById(await getDb(), { id: userId })
  if (!user) throw new AppError('not_found:user')
  return user
}

export interface AdminUserChanges {
  /** Deactivate (signs out everywhere, refuses sign-in and tokens; keeps data) or reactivate. */
  active?: boolean
  /** The highest tier the user may open (1–4); open unlocks above it stop working at once. */
  maxTier?: number
  /** Promote or demote; the last active admin cannot be demoted or deactivated. */
  role?: 'admin' | 'user'
}

/**
 * Applies an admin's changes to an account all at once or not at all: a refused part (the last
 * admin) leaves the others unwritten. The last-admin check runs inside the transaction, under
 * the admins' row locks.
 */
export async function updateUserAsAdmin({ active, maxTier, role, ...action }: AdminAction & AdminUserChanges): Promise<User> {
  await assertAdmin(action.actorId)
  if (action.actorId === action.userId && active === false) throw new AppError('bad_request:admin', { message: 'You cannot deactivate your own account.' })
  const before = await target(action.userId)
  const changeActive = active !== undefined && active !== before.active
  const changeTier = maxTier !== undefined && maxTier !== before.maxTier
  const changeRole = role !== undefined && role !== before.role
  if (!changeActive && !changeTier && !changeRole) return before
  const db = await getDb()
  const user = await db.transaction(async (tx) => {
    if ((changeActive && !active) || (changeRole && role === 'user')) {
      const current = await getUserById(tx, { id: action.userId })
      if (!current) throw new AppError('not_found:user')
      await assertNotLastAdminIn(tx, current)
    }
    const updated = await updateUserById(tx, {
      id: action.userId,
      values: { ...(changeActive ? { active } : {}), ...(changeTier ? { maxTier } : {}), ...(changeRole ? { role } : {}) },
    })
    if (!updated) throw new AppError('not_found:user')
    if (changeActive && !active) await revokeSessionsByUser(tx, { userId: action.userId })
    return updated
  })
  if (changeActive) {
    await logged(active ? 'admin.user.activate' : 'admin.user.deactivate', action, {}, active
      ? { title: 'Your account was reactivated', body: 'An administrator reactivated your account: you can sign in again.' }
      : { title: 'Your account was deactivated', body: 'An administrator deactivated your account and signed it out everywhere. Your memories are kept.' })
  }
  if (changeTier) {
    await logged('admin.user.max_tier', action, { maxTier }, { title: 'Your highest readable tier changed', body: `An administrator set the highest tier you may open to level ${maxTier}.` })
  }
  if (changeRole) {
    await logged(role === 'admin' ? 'admin.user.promote' : 'admin.user.demote', action, { role }, role === 'admin'
      ? { title: 'You are now an administrator', body: 'An administrator gave your account the admin role.' }
      : { title: 'You are no longer an administrator', body: 'An administrator removed the admin role from your account.' })
  }
  return user
}

/** Deactivates (signs out everywhere, refuses sign-in and tokens; keeps data) or reactivates. */
export function setUserActive({ active, ...action }: AdminAction & { active: boolean }): Promise<User> {
  return updateUserAsAdmin({ ...action, active })
}

/** Lowers (or raises, up to 4) the highest tier a user may open; open unlocks above it stop working at once. */
export function setUserMaxTier({ maxTier, ...action }: AdminAction & { maxTier: number }): Promise<User> {
  return updateUserAsAdmin({ ...action, maxTier })
}

/** Promotes to admin or demotes to user; the last active admin cannot be demoted. */
export function setUserRole({ role, ...action }: AdminAction & { role: 'admin' | 'user' }): Promise<User> {
  return updateUserAsAdmin({ ...action, role })
}

/** Signs the user out of every device (their API tokens keep working; they revoke those themselves). */
export async function signOutUserEverywhere(action: AdminAction): Promise<number> {
  await assertAdmin(action.actorId)
  await target(action.userId)
  const revoked = await revokeSessionsByUser(await getDb(), { userId: action.userId })
  await logged('admin.user.sign_out', action, { sessions: revoked }, { title: 'You were signed out everywhere', body: 'An administrator signed your account out of every device. Sign in again to continue.' })
  return revoked
}

/**
 * Deletes the account for good (crypto-shredding: the wrapped data keys first), confirmed by
 * typing the user's phone number. Never the actor's own account, never the last admin.
 */
export async function deleteUserByAdmin({ confirm, ...action }: AdminAction & { confirm: string }): Promise<void> {
  await assertAdmin(action.actorId)
  if (action.actorId === action.userId) throw new AppError('bad_request:admin', { message: 'Delete your own account from your settings.' })
  const user = await target(action.userId)
  if (confirm.replace(/[\s()-]/g, '') !== user.phone) {
    throw new AppError('bad_request:admin', { message: 'Type the user’s phone number to confirm.', fieldErrors: { confirm: ['Does not match the phone number of this account.'] } })
  }
  await assertNotLastAdmin(user)
  // Told before the account goes (by email, where enabled; the in-app note goes with the account).
  await alertUser(await getDb(), action.userId, { kind: 'admin.user.delete', title: 'Your account was deleted', body: 'An administrator deleted your mnemo account and all its memories.' })
  await shredAccount(action.userId)
  await recordAccess({ userId: action.actorId, action: 'admin.user.delete', success: true, ...action.info, details: { target: action.userId } })
}
