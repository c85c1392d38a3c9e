// Who is calling an API route: a bearer API token or the Auth.js session cookie, through one
// helper every route handler uses. Which callers a route admits is decided here and only here:
// by default a route is for a signed-in session alone (account, security and credential routes
// must never be reachable with a token, docs/api-tokens.md); a route opens itself to API tokens
// by naming the one scope that allows it.
import 'server-only'
import { auth, type MnemoSession } from '@/auth'
import { getApiTokenById } from '@/db/queries/api-tokens'
import { getUserById } from '@/db/queries/users'
import { getSessionById } from '@/db/queries/sessions'
import { getDb } from '@/db'
import { AppError } from '@/lib/errors'
import { checkApiToken } from './api-tokens'
import type { Principal } from './principal-type'
import { SCOPES, type Scope } from './scopes'

export type { Principal }

/** `ANY_TOKEN`: any valid token may call (a route that neither reads nor stores anything). */
export const ANY_TOKEN = 'any-token'

export interface AccessRule {
  /** The scope an API token needs here; without one, the route refuses every token. */
  scope?: Scope | typeof ANY_TOKEN
}

export async function authenticate(request: Request, { scope }: AccessRule = {}): Promise<Principal> {
  const header = request.headers.get('authorization')
  if (header) {
    const [kind, secret] = header.split(/\s+/, 2)
    if (kind?.toLowerCase() !== 'bearer' || !secret) {
      throw new AppError('unauthorized:token', { message: 'Use "Authorization: Bearer <token>".' })
    }
    const found = await checkApiToken(secret)
    if (!found) throw new AppError('unauthorized:token', { message: 'The API token is invalid, revoked or expired.' })
    if (!scope) {
      throw new AppError('forbidden:token', { message: 'API tokens cannot reach this route: use a signed-in session.' })
    }
    const principal: Principal = {
      user: found.user,
      kind: 'token',
      tokenId: found.token.id,
      scopes: found.token.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
      maxTierLevel: Math.min(found.token.maxTier, found.user.maxTier, 2),
    }
    if (scope !== ANY_TOKEN && !principal.scopes.includes(scope)) {
      throw new AppError('forbidden:scope', { message: `This token lacks the "${scope}" scope.`, details: { scope } })
    }
    return principal
  }
  // No session cookie at all: answer at once, without decoding anything.
  if (!/(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/.test(request.headers.get('cookie') ?? '')) {
    throw new AppError('unauthorized:session')
  }
  const principal = await sessionPrincipal()
  if (!principal) throw new AppError('unauthorized:session')
  return principal
}

/** The signed-in user of the current request (pages, server actions), or null. */
export async function sessionPrincipal(): Promise<Principal | null> {
  const session = (await auth()) as MnemoSession | null
  const userId = session?.user?.id
  if (!session || !userId) return null
  const db = await getDb()
  const [user, row] = await Promise.all([getUserById(db, { id: userId }), getSessionById(db, { id: session.sessionId })])
  if (!user || !user.active || !row || row.revokedAt) return null
  return { user, kind: 'session', sessionId: row.id, session: row, scopes: SCOPES, maxTierLevel: user.maxTier }
}

/**
 * Whether a principal authenticated earlier still holds: its session or token not revoked nor
 * expired, its user active. Long-lived responses (the events stream) ask this as they go.
 */
export async function isPrincipalCurrent(principal: Principal, now = Date.now()): Promise<boolean> {
  const db = await getDb()
  const user = await getUserById(db, { id: principal.user.id })
  if (!user?.active) return false
  if (principal.kind === 'token') {
    const token = principal.tokenId ? await getApiTokenById(db, { id: principal.tokenId }) : undefined
    return !!token && !token.revokedAt && (!token.expiresAt || token.expiresAt.getTime() > now)
  }
  const session = principal.sessionId ? await getSessionById(db, { id: principal.sessionId }) : undefined
  return !!session && !session.revokedAt && session.expiresAt.getTime() > now
}
