// Classification on behalf of a user without storing anything (POST /api/v1/classify).
import { listTagsByUser } from '@/db/queries/memories'
import type { DbExecutor } from '@/db'
import { withUser } from '@/db/with-user'
import { effectivePreferences } from '@/lib/accounts/preferences'
import type { Principal } from '@/lib/auth/principal-type'
import { classify, classifyBatch, type BatchResult, type Classification, type ClassifyContext } from '@/lib/classify'
import { canRead } from './access'
import { loadCorrections } from './corrections'

/** What the classifier should know about this user, in one short read. */
export async function contextFor(principal: Principal): Promise<ClassifyContext> {
  return withUser(principal.user.id, (tx) => contextIn(tx, principal))
}

/** The same, read in a transaction of the caller's (capture reads it with the client-id check). */
export async function contextIn(tx: DbExecutor, principal: Principal): Promise<ClassifyContext> {
  const user = principal.user
  const [existingTags, corrections] = await Promise.all([listTagsByUser(tx, { userId: user.id }), loadCorrections(tx, { userId: user.id })])
  return { timeZone: user.timezone, existingTags, corrections, defaultTier: effectivePreferences(user.preferences).default_tier }
}

/**
 * The context for a classification that stores nothing: only the corrections of tiers this caller
 * may read. Otherwise a token capped at general could test guesses against memories the user
 * moved into secret ("Your earlier corrections of similar messages put them in secret"). A
 * capture keeps every correction: there the user's own lesson protects what is stored.
 */
async function readableContextFor(principal: Principal): Promise<ClassifyContext> {
  const context = await contextFor(principal)
  return { ...context, corrections: context.corrections?.filter((example) => canRead(principal, example.tier)) }
}

export async function classifyForUser(principal: Principal, content: string, context?: string): Promise<Classification> {
  return classify(content, { ...(await readableContextFor(principal)), context })
}

export async function classifyBatchForUser(principal: Principal, items: { content: string; context?: string }[]): Promise<BatchResult[]> {
  return classifyBatch(items, await readableContextFor(principal))
}
