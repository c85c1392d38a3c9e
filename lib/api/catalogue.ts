// Every route under app/api, described once: method, path, who may call it and the zod schemas
// of its path parameters, query and body. The OpenAPI document is built from this list, the fuzz
// test drives every route from it, and a unit test keeps it equal to the route files and to
// lib/api/paths.ts (the schema-free list the proxy answers 404 and 405 from).
import { z } from 'zod'
import { adminUserUpdateSchema, deleteAccountSchema, emailConfirmSchema, passwordChangeSchema, profileUpdateSchema, registerSchema, userParamsSchema } from '@/lib/accounts/schema'
import { adminAuditQuerySchema, adminDeleteUserSchema, adminUserListSchema, adminUsersQuerySchema, analyticsQuerySchema, analyticsSchema, auditListSchema, auditVerdictSchema, jobParamsSchema, systemSchema } from '@/lib/admin/schema'
import { RESPONSES as R } from '@/lib/api/responses'
import { accessLogQuerySchema } from '@/lib/audit/schema'
import { createTokenSchema, resetConfirmSchema, resetRequestSchema, sessionParamsSchema, tokenParamsSchema, tokenRequestSchema } from '@/lib/auth/schema'
import type { Scope } from '@/lib/auth/scopes'
import type { HttpMethod } from './paths'
import { batchSchema, classifySchema } from '@/lib/classify/schema'
import { eventsQuerySchema } from '@/lib/live/schema'
import { captureSchema, listQuerySchema, memoryParamsSchema, updateSchema } from '@/lib/memories/schema'
import { markReadSchema } from '@/lib/notify/schema'
import { searchSchema } from '@/lib/search/schema'
import { passkeyParamsSchema, passwordUnlockSchema, registerSchema as passkeyRegisterSchema, renameSchema, unlockOptionsSchema, unlockSchema } from '@/lib/webauthn/schema'


/**
 * Who may call a route: anyone; a signed-in session only; a session or an API token (holding
 * `scope` when one is named); an admin's signed-in session. `authjs`: Auth.js's own endpoints.
 */
export type RouteAuth =
  | { kind: 'public' }
  | { kind: 'session' }
  | { kind: 'token'; scope?: Scope }
  | { kind: 'admin' }
  | { kind: 'authjs' }
  /** `Authorization: Bearer $METRICS_TOKEN`. */
  | { kind: 'metrics' }

export interface ApiRoute {
  method: HttpMethod
  /** OpenAPI path template: `/api/v1/memories/{id}`. */
  path: string
  summary: string
  /** Groups routes in the OpenAPI document. */
  tag: string
  auth: RouteAuth
  params?: z.ZodObject
  query?: z.ZodType
  /** A JSON body (Content-Type: application/json). */
  body?: z.ZodType
  /** The JSON of a successful answer (none for 204). */
  response?: z.ZodType
  /** The status of a successful answer. */
  status: 200 | 201 | 202 | 204
  /** What a successful answer is, when not JSON. */
  produces?: 'text/event-stream' | 'text/plain'
}

const session = { kind: 'session' } as const
const publicRoute = { kind: 'public' } as const
const token = (scope?: Scope) => ({ kind: 'token', ...(scope ? { scope } : {}) }) as const

export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/api/health', tag: 'service', summary: 'Health of the server, its database and queue.', auth: publicRoute, response: R.health, status: 200 },
  { method: 'GET', path: '/api/auth/{nextauth}', tag: 'auth', summary: 'Auth.js endpoints (session, CSRF, providers, callbacks).', auth: { kind: 'authjs' }, response: R.authjs, status: 200 },
  { method: 'POST', path: '/api/auth/{nextauth}', tag: 'auth', summary: 'Auth.js endpoints (sign-in, sign-out, callbacks).', auth: { kind: 'authjs' }, response: R.authjs, status: 200 },

  { method: 'POST', path: '/api/v1/auth/register', tag: 'auth', summary: 'Create an account.', auth: publicRoute, body: registerSchema, response: R.profile, status: 201 },
  { method: 'POST', path: '/api/v1/auth/token', tag: 'auth', summary: 'Exchange a phone or email and password for an API token.', auth: publicRoute, body: tokenRequestSchema, response: R.accessToken, status: 200 },
  { method: 'POST', path: '/api/v1/auth/password-reset', tag: 'auth', summary: 'Mail a password reset link.', auth: publicRoute, body: resetRequestSchema, response: R.accepted, status: 202 },
  { method: 'POST', path: '/api/v1/auth/password-reset/confirm', tag: 'auth', summary: 'Set a new password with a reset token.', auth: publicRoute, body: resetConfirmSchema, response: R.accepted, status: 200 },
  { method: 'POST', path: '/api/v1/auth/passkey', tag: 'auth', summary: 'Options for a passkey sign-in ceremony.', auth: publicRoute, response: R.options, status: 200 },

  { method: 'POST', path: '/api/v1/memories', tag: 'memories', summary: 'Capture a memory (201; 200 for a replayed client_id).', auth: token('memories:write'), body: captureSchema, response: R.capture, status: 201 },
  { method: 'GET', path: '/api/v1/memories', tag: 'memories', summary: 'List memories, newest first.', auth: token('memories:read'), query: listQuerySchema, response: R.memoryList, status: 200 },
  { method: 'GET', path: '/api/v1/memories/{id}', tag: 'memories', summary: 'One memory.', auth: token('memories:read'), params: memoryParamsSchema, response: R.memory, status: 200 },
  { method: 'PATCH', path: '/api/v1/memories/{id}', tag: 'memories', summary: 'Edit content, tier or tags.', auth: token('memories:write'), params: memoryParamsSchema, body: updateSchema, response: R.memoryView, status: 200 },
  { method: 'DELETE', path: '/api/v1/memories/{id}', tag: 'memories', summary: 'Delete (restorable for 30 days).', auth: token('memories:write'), params: memoryParamsSchema, status: 204 },
  { method: 'POST', path: '/api/v1/memories/{id}/restore', tag: 'memories', summary: 'Undo a delete.', auth: token('memories:write'), params: memoryParamsSchema, response: R.status, status: 200 },
  { method: 'GET', path: '/api/v1/events', tag: 'memories', summary: 'Server-sent events of the caller’s memories.', auth: token('memories:read'), query: eventsQuerySchema, response: R.events, status: 200, produces: 'text/event-stream' },
  { method: 'POST', path: '/api/v1/search', tag: 'search', summary: 'Hybrid search.', auth: token('search'), body: searchSchema, response: R.search, status: 200 },
  { method: 'POST', path: '/api/v1/classify', tag: 'classify', summary: 'Classify without storing.', auth: token(), body: classifySchema, response: R.classification, status: 200 },
  { method: 'POST', path: '/api/v1/classify/batch', tag: 'classify', summary: 'Classify up to 100 items.', auth: token(), body: batchSchema, response: R.batch, status: 200 },

  { method: 'GET', path: '/api/v1/account', tag: 'account', summary: 'The profile.', auth: session, response: R.profile, status: 200 },
  { method: 'PATCH', path: '/api/v1/account', tag: 'account', summary: 'Change name, email, time zone or preferences.', auth: session, body: profileUpdateSchema, response: R.profile, status: 200 },
  { method: 'DELETE', path: '/api/v1/account', tag: 'account', summary: 'Delete the account for good.', auth: session, body: deleteAccountSchema, status: 204 },
  { method: 'GET', path: '/api/v1/account/history', tag: 'account', summary: 'History of preference changes.', auth: session, response: R.history, status: 200 },
  { method: 'GET', path: '/api/v1/account/access-log', tag: 'account', summary: 'The caller’s access log, newest first.', auth: session, query: accessLogQuerySchema, response: R.accessLog, status: 200 },
  { method: 'POST', path: '/api/v1/account/password', tag: 'account', summary: 'Change the password.', auth: session, body: passwordChangeSchema, response: R.passwordChanged, status: 200 },
  { method: 'POST', path: '/api/v1/account/email/confirm', tag: 'account', summary: 'Confirm a new email address with the single-use token mailed to it.', auth: publicRoute, body: emailConfirmSchema, response: R.emailConfirmed, status: 200 },
  { method: 'GET', path: '/api/v1/sessions', tag: 'account', summary: 'Signed-in devices.', auth: session, response: R.sessions, status: 200 },
  { method: 'DELETE', path: '/api/v1/sessions', tag: 'account', summary: 'Sign out every other device.', auth: session, response: R.revoked, status: 200 },
  { method: 'DELETE', path: '/api/v1/sessions/{id}', tag: 'account', summary: 'Sign out one device.', auth: session, params: sessionParamsSchema, status: 204 },
  { method: 'GET', path: '/api/v1/tokens', tag: 'account', summary: 'API tokens.', auth: session, response: R.tokens, status: 200 },
  { method: 'POST', path: '/api/v1/tokens', tag: 'account', summary: 'Create an API token.', auth: session, body: createTokenSchema, response: R.newToken, status: 201 },
  { method: 'DELETE', path: '/api/v1/tokens/{id}', tag: 'account', summary: 'Revoke an API token.', auth: session, params: tokenParamsSchema, status: 204 },
  { method: 'GET', path: '/api/v1/passkeys', tag: 'account', summary: 'Registered passkeys.', auth: session, response: R.passkeys, status: 200 },
  { method: 'POST', path: '/api/v1/passkeys', tag: 'account', summary: 'Finish registering a passkey.', auth: session, body: passkeyRegisterSchema, response: R.passkey, status: 201 },
  { method: 'POST', path: '/api/v1/passkeys/options', tag: 'account', summary: 'Options to register a passkey (403 forbidden:reauth unless the password was given within 10 minutes).', auth: session, response: R.options, status: 200 },
  { method: 'PATCH', path: '/api/v1/passkeys/{id}', tag: 'account', summary: 'Rename a passkey.', auth: session, params: passkeyParamsSchema, body: renameSchema, status: 204 },
  { method: 'DELETE', path: '/api/v1/passkeys/{id}', tag: 'account', summary: 'Remove a passkey.', auth: session, params: passkeyParamsSchema, status: 204 },
  { method: 'GET', path: '/api/v1/notifications', tag: 'account', summary: 'In-app notifications.', auth: session, response: R.notifications, status: 200 },
  { method: 'POST', path: '/api/v1/notifications/read', tag: 'account', summary: 'Mark notifications read (all when no ids).', auth: session, body: markReadSchema, response: R.marked, status: 200 },

  { method: 'POST', path: '/api/v1/lock', tag: 'unlock', summary: 'Lock every protected tier of every session of the account now.', auth: session, status: 204 },
  { method: 'POST', path: '/api/v1/unlock/options', tag: 'unlock', summary: 'Options of a passkey step-up.', auth: session, body: unlockOptionsSchema, response: R.options, status: 200 },
  { method: 'POST', path: '/api/v1/unlock', tag: 'unlock', summary: 'Unlock a tier with a passkey.', auth: session, body: unlockSchema, response: R.unlocked, status: 200 },
  { method: 'POST', path: '/api/v1/unlock/password', tag: 'unlock', summary: 'Unlock the confidential tier with the password.', auth: session, body: passwordUnlockSchema, response: R.unlocked, status: 200 },

  { method: 'GET', path: '/api/metrics', tag: 'service', summary: 'Prometheus metrics (404 unless METRICS_TOKEN is set).', auth: { kind: 'metrics' }, response: R.metrics, status: 200, produces: 'text/plain' },
  { method: 'GET', path: '/api/openapi.json', tag: 'service', summary: 'This OpenAPI document.', auth: publicRoute, response: R.openapi, status: 200 },

  { method: 'GET', path: '/api/v1/admin/users', tag: 'admin', summary: 'Users with memory counts per tier and source (never content).', auth: { kind: 'admin' }, query: adminUsersQuerySchema, response: adminUserListSchema, status: 200 },
  { method: 'DELETE', path: '/api/v1/admin/users/{id}', tag: 'admin', summary: 'Delete a user for good (crypto-shredding), confirmed by their phone number.', auth: { kind: 'admin' }, params: userParamsSchema, body: adminDeleteUserSchema, status: 204 },
  { method: 'POST', path: '/api/v1/admin/users/{id}/sign-out', tag: 'admin', summary: 'Sign a user out of every device.', auth: { kind: 'admin' }, params: userParamsSchema, response: R.revoked, status: 200 },
  { method: 'GET', path: '/api/v1/admin/analytics', tag: 'admin', summary: 'Series per day over a period (captures, active users, models, tier moves, searches).', auth: { kind: 'admin' }, query: analyticsQuerySchema, response: analyticsSchema, status: 200 },
  { method: 'GET', path: '/api/v1/admin/system', tag: 'admin', summary: 'Version, uptime, database, migrations, queue, error rate by route, memory.', auth: { kind: 'admin' }, response: systemSchema, status: 200 },
  { method: 'POST', path: '/api/v1/admin/jobs/{id}/retry', tag: 'admin', summary: 'Send a failed job back to its queue.', auth: { kind: 'admin' }, params: jobParamsSchema, response: R.status, status: 200 },
  { method: 'DELETE', path: '/api/v1/admin/jobs/{id}', tag: 'admin', summary: 'Discard a failed job.', auth: { kind: 'admin' }, params: jobParamsSchema, status: 204 },
  { method: 'GET', path: '/api/v1/admin/audit', tag: 'admin', summary: 'The access log across users, filtered.', auth: { kind: 'admin' }, query: adminAuditQuerySchema, response: auditListSchema, status: 200 },
  { method: 'POST', path: '/api/v1/admin/audit/verify', tag: 'admin', summary: 'Verify the access log’s hash chain.', auth: { kind: 'admin' }, response: auditVerdictSchema, status: 200 },
  { method: 'PATCH', path: '/api/v1/admin/users/{id}', tag: 'admin', summary: 'Deactivate or reactivate a user, change their highest tier or their role.', auth: { kind: 'admin' }, params: userParamsSchema, body: adminUserUpdateSchema, response: R.profile, status: 200 },
]

export { HTTP_METHODS, matchPath, methodsOf, type HttpMethod } from './paths'
