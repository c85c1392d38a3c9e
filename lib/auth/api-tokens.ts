// Personal API tokens: shown once, stored hashed, scoped, capped at a readable tier.
import { getDb } from '@/db'
import {
  getApiTokenByHash,
  insertApiToken,
  listApiTokensByUser,
  revokeApiTokenById,
  touchApiTokenById,
} from '@/db/queries/api-tokens'
import { getUserById } from '@/db/queries/users'
import type { ApiToken, User } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { recordAccess } from '@/lib/audit'
import type { RequestInfo } from '@/lib/http/request-info'
import { AppError } from '@/lib/errors'
import { lockReason } from '@/lib/memories/access'
import type { Tier } from '@/lib/tiers'
import type { Principal } from './principal-type'
import { tokenTierLevel, tokenTierName, type Scope, type TokenTier } from './scopes'
import { assertPasswordUnchanged } from './new-password'
import { newSecret, sha256 } from './secret-token'

export const TOKEN_PREFIX = 'mnemo_'
const TOUCH_EVERY_MS = 60_000

export interface NewTokenInput {
  userId: string
  name: string
  scopes: Scope[]
  maxTier: TokenTier
  expiresInDays?: number | null
  info?: RequestInfo
  /** The password hash a token exchange just checked: the token is made only if it is still current. */
  checkedPasswordHash?: string | null
}

export interface PublicApiToken {
  id: string
  name: string
  prefix: string
  scopes: string[]
  max_tier: TokenTier
  created_at: string
  last_used_at: string | null
  expires_at: string | null
}

export function publicToken(row: ApiToken): PublicApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    max_tier: tokenTierName(row.maxTier),
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    expires_at: row.expiresAt?.toISOString() ?? null,
  }
}

/**
 * A signed-in person may hand a token only what they could read themselves now: after "Lock
 * now", or 12 hours after the password, a token reaching confidential would reopen it.
 */
export function assertMayGrant(principal: Principal, maxTier: TokenTier) {
  const tier: Tier = maxTier
  const reason = lockReason(principal, tier)
  if (reason) throw new AppError('forbidden:tier', { message: `${reason.message} A token reaching ${tier} is made only while it is open.`, details: { tier, unlock: reason.unlock } })
}

/** Creates a token; the returned `token` is the only time its secret is ever visible. */
export async function createApiToken(input: NewTokenInput): Promise<{ token: string; row: ApiToken }> {
  const token = newSecret(TOKEN_PREFIX)
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null
  const row = await withUser(input.userId, async (tx) => {
    if (input.checkedPasswordHash) await assertPasswordUnchanged(tx, { userId: input.userId, checkedHash: input.checkedPasswordHash })
    return insertApiToken(tx, {
      userId: input.userId,
      name: input.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      scopes: [...new Set(input.scopes)],
      maxTier: tokenTierLevel(input.maxTier),
      expiresAt,
    })
  })
  await recordAccess({ userId: input.userId, action: 'token.create', success: true, ...input.info, details: { tokenId: row.id } })
  return { token, row }
}

export function listApiTokens({ userId }: { userId: string }): Promise<ApiToken[]> {
  return withUser(userId, (tx) => listApiTokensByUser(tx, { userId }))
}

export async function revokeApiToken({ userId, id, info }: { userId: string; id: string; info?: RequestInfo }): Promise<boolean> {
  const done = await withUser(userId, (tx) => revokeApiTokenById(tx, { userId, id }))
  if (done) await recordAccess({ userId, action: 'token.revoke', success: true, ...info, details: { tokenId: id } })
  return done
}

/** The token and its user when the bearer secret is valid, unrevoked, unexpired and the user active. */
export async function checkApiToken(secret: string): Promise<{ token: ApiToken; user: User } | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null
  const db = await getDb()
  const token = await getApiTokenByHash(db, { tokenHash: sha256(secret) })
  if (!token || token.revokedAt) return null
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) return null
  const user = await getUserById(db, { id: token.userId })
  if (!user || !user.active) return null
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await touchApiTokenById(db, { id: token.id })
  }
  return { token, user }
}
