// Sign-in sessions: a row per device, checked on every request, listable and revocable.
// The Auth.js cookie carries the session id and a secret whose hash the row stores.
import { getDb } from '@/db'
import {
  getSessionById,
  insertSession,
  listActiveSessionsByUser,
  revokeSessionById,
  revokeSessionsByUser,
  touchSessionById,
} from '@/db/queries/sessions'
import { getUserById } from '@/db/queries/users'
import type { Session, User } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { recordAccess } from '@/lib/audit'
import type { RequestInfo } from '@/lib/http/request-info'
import { assertPasskeyKept, assertPasswordUnchanged } from './new-password'
import { newSecret, sameHash, sha256 } from './secret-token'
import { isUuid } from '@/lib/http/input'

function hours(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

/** Idle expiry: a session unused this long ends (default 7 days). */
export const idleMs = () => hours('MNEMO_SESSION_IDLE_HOURS', 24 * 7) * 3_600_000
/** Absolute expiry: no session lives longer than this (default 30 days). */
export const maxAgeMs = () => hours('MNEMO_SESSION_MAX_HOURS', 24 * 30) * 3_600_000
const TOUCH_EVERY_MS = 60_000

export interface SessionCredentials {
  id: string
  secret: string
}

/**
 * Opens a session row. After a password sign-in, `checkedPasswordHash` is the hash just checked:
 * the session is opened only if it is still the account's password (see assertPasswordUnchanged).
 * After a passkey sign-in, `checkedPasskeyId` is the credential just verified: it must still be
 * the account's, under the same row lock (a password reset removes every passkey with it).
 */
export async function startSession({
  userId,
  info,
  checkedPasswordHash,
  checkedPasskeyId,
}: {
  userId: string
  info: RequestInfo
  checkedPasswordHash?: string | null
  checkedPasskeyId?: string
}): Promise<SessionCredentials> {
  const secret = newSecret()
  const now = Date.now()
  const values = {
    userId,
    tokenHash: sha256(secret),
    ip: info.ip,
    userAgent: info.userAgent,
    device: info.device,
    freshAuthAt: new Date(now),
    expiresAt: new Date(now + maxAgeMs()),
  }
  const row =
    checkedPasswordHash || checkedPasskeyId
      ? await withUser(userId, async (tx) => {
          if (checkedPasswordHash) await assertPasswordUnchanged(tx, { userId, checkedHash: checkedPasswordHash })
          if (checkedPasskeyId) await assertPasskeyKept(tx, { userId, passkeyId: checkedPasskeyId })
          return insertSession(tx, values)
        })
      : await insertSession(await getDb(), values)
  return { id: row.id, secret }
}

export type SessionCheck = { ok: true; session: Session; user: User } | { ok: false; reason: string }

/** Whether the cookie's session is still good: not revoked, not expired or idle, user active. */
export async function checkSession(credentials: Partial<SessionCredentials>): Promise<SessionCheck> {
  const { id, secret } = credentials
  if (typeof id !== 'string' || typeof secret !== 'string' || !isUuid(id)) {
    return { ok: false, reason: 'malformed' }
  }
  const db = await getDb()
  const session = await getSessionById(db, { id })
  if (!session || !sameHash(session.tokenHash, sha256(secret))) return { ok: false, reason: 'unknown' }
  if (session.revokedAt) return { ok: false, reason: 'revoked' }
  const now = Date.now()
  if (session.expiresAt.getTime() <= now) return { ok: false, reason: 'expired' }
  if (session.lastSeenAt.getTime() + idleMs() <= now) return { ok: false, reason: 'idle' }
  const user = await getUserById(db, { id: session.userId })
  if (!user || !user.active) return { ok: false, reason: 'inactive' }
  if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await touchSessionById(db, { id })
  return { ok: true, session, user }
}

export function listSessions({ userId }: { userId: string }): Promise<Session[]> {
  return withUser(userId, (tx) => listActiveSessionsByUser(tx, { userId }))
}

/** Revokes one of the user's own sessions; false when it is not theirs or already ended. */
export async function revokeSession({ userId, id, info }: { userId: string; id: string; info?: RequestInfo }): Promise<boolean> {
  const done = await withUser(userId, (tx) => revokeSessionById(tx, { userId, id }))
  if (done) await recordAccess({ userId, action: 'session.revoke', success: true, ...info, details: { sessionId: id } })
  return done
}

/** "Sign out other devices": every session of the user but the current one. */
export async function revokeOtherSessions({
  userId,
  keepId,
  info,
}: {
  userId: string
  keepId?: string
  info?: RequestInfo
}): Promise<number> {
  const count = await withUser(userId, (tx) => revokeSessionsByUser(tx, { userId, keepId }))
  await recordAccess({ userId, action: 'session.revoke_others', success: true, ...info, details: { count } })
  return count
}

/** Ends the session behind a sign-out. */
export async function endSession({ id, secret }: Partial<SessionCredentials>): Promise<void> {
  const check = await checkSession({ id, secret })
  if (!check.ok) return
  await revokeSessionById(await getDb(), { userId: check.user.id, id: check.session.id })
  await recordAccess({ userId: check.user.id, action: 'logout', success: true, details: { sessionId: check.session.id } })
}
