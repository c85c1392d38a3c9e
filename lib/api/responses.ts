// The shapes of the API's answers, for the OpenAPI document and the contract test that checks
// real answers against it. Objects are open (extra fields allowed) unless a field set is a
// promise; what is listed is what a client may rely on.
import { z } from 'zod'
import { TIERS } from '@/lib/tiers'

const iso = z.string().describe('ISO 8601 date-time')
const tier = z.enum(TIERS)
const object = () => z.record(z.string(), z.unknown())

export const errorSchema = z
  .object({
    error: z
      .object({
        code: z.string().regex(/^[a-z_]+:[a-z_]+$/).describe('`kind:surface`, e.g. `forbidden:tier`'),
        message: z.string(),
        fields: z.record(z.string(), z.array(z.string())).optional().describe('Field errors of a 400'),
      })
      .loose(),
  })
  .meta({ id: 'Error', example: { error: { code: 'not_found:memory', message: 'Nothing was found there.' } } })

export const memorySchema = z
  .object({
    id: z.uuid(),
    client_id: z.string().nullable(),
    tier,
    security_level: z.number().int().min(1).max(4),
    content: z.string(),
    tags: z.array(z.string()),
    emotion: object().nullable(),
    entities: object().nullable(),
    confidence: z.number().nullable(),
    reasoning: z.string().nullable(),
    model: z.string().nullable(),
    source: z.enum(['app', 'api', 'telegram', 'whatsapp', 'import']),
    occurred_at: iso,
    created_at: iso,
    updated_at: iso,
  })
  .meta({ id: 'Memory' })

export const lockedMemorySchema = z.object({ id: z.uuid(), tier, created_at: iso, locked: z.literal(true) }).meta({ id: 'LockedMemory' })
export const memoryViewSchema = z.union([memorySchema, lockedMemorySchema])

export const classificationSchema = z
  .object({
    tier,
    security_level: z.number().int().min(1).max(4),
    confidence: z.number(),
    reasoning: z.string(),
    tags: z.array(z.string()),
    emotion: object(),
    entities: object(),
    detectors: z.array(object()),
    model: z.string(),
    occurred_at: z.string().nullable(),
    fallback_reason: z.string().optional(),
  })
  .meta({ id: 'Classification' })

export const writeReceiptSchema = z
  .object({ id: z.uuid(), tier, created_at: iso, updated_at: iso.optional() })
  .describe('What a write answers a token without the memories:read scope (an edit, a replayed client_id): that it was written, not the memory')

export const profileSchema = z
  .object({
    id: z.uuid(),
    phone: z.string(),
    email: z.string().nullable(),
    name: z.string().nullable(),
    timezone: z.string(),
    role: z.enum(['admin', 'user']),
    max_tier: z.number().int(),
    active: z.boolean(),
    verified: z.boolean(),
    email_verified: z.boolean().describe('Whether the email address was confirmed through the link mailed to it'),
    pending_email: z.string().nullable().describe('A new address waiting for its confirmation link'),
    preferences: object(),
    created_at: iso,
    last_login_at: iso.nullable(),
  })
  .meta({ id: 'Profile' })

export const tokenSchema = z
  .object({ id: z.uuid(), name: z.string(), prefix: z.string(), scopes: z.array(z.string()), max_tier: z.string(), created_at: iso, last_used_at: iso.nullable(), expires_at: iso.nullable() })
  .meta({ id: 'ApiToken' })

const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) })
const status = z.object({ status: z.literal('ok') }).loose()

export const RESPONSES = {
  health: z.object({ status: z.enum(['ok', 'error']), db: z.string(), version: z.string() }).loose(),
  metrics: z.string().describe('Prometheus text exposition format 0.0.4'),
  openapi: object().describe('This document'),
  authjs: object(),
  profile: profileSchema,
  accessToken: z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().nullable() }).loose(),
  accepted: z.object({ status: z.string(), message: z.string() }).loose(),
  status,
  options: object().describe('WebAuthn options for @simplewebauthn/browser'),
  capture: z.union([
    memorySchema.extend({ classification: classificationSchema.nullable() }),
    lockedMemorySchema.extend({ classification: classificationSchema.nullable() }),
    z
      .object({ id: z.uuid(), tier, created_at: iso, deleted: z.literal(true), deleted_at: iso, classification: z.null() })
      .describe('A replayed client_id whose memory was deleted since: it stays deleted (restore it within 30 days)'),
    writeReceiptSchema,
  ]),
  memoryList: z.object({ items: z.array(memoryViewSchema), next_cursor: z.string().nullable() }),
  memory: memorySchema,
  memoryView: z.union([memorySchema, lockedMemorySchema, writeReceiptSchema]),
  events: z.string().describe('text/event-stream of `memory` events (ids and kinds only)'),
  search: items(z.object({ memory: memorySchema, score: z.number(), highlights: z.array(z.string()), matched_by: z.array(z.enum(['fts', 'fuzzy', 'semantic'])) })),
  classification: classificationSchema,
  batch: z.object({ results: z.array(z.union([classificationSchema, z.object({ error: object() }).loose()])) }),
  history: items(object()),
  accessLog: z.object({ items: z.array(object()), next_before: z.number().int().nullable() }),
  emailConfirmed: z.object({ status: z.literal('confirmed'), email: z.string() }),
  passwordChanged: z.object({ status: z.literal('ok'), revoked_sessions: z.number().int() }),
  sessions: items(z.object({ id: z.uuid() }).loose()),
  revoked: z.object({ revoked: z.number().int() }),
  tokens: items(tokenSchema),
  newToken: tokenSchema.extend({ token: z.string() }),
  passkeys: items(z.object({ id: z.string(), name: z.string().nullable(), created_at: iso }).loose()),
  passkey: z.object({ id: z.string(), name: z.string().nullable(), created_at: iso }).loose(),
  notifications: items(z.object({ id: z.string(), kind: z.string(), title: z.string(), body: z.string(), read: z.boolean(), created_at: iso })),
  marked: z.object({ marked: z.number().int() }),
  unlocked: z.object({ tier, unlocked_until: iso }),
} as const
