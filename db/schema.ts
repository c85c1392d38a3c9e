// Every table of mnemo, with its row types beside it. Tier >= 2 content never has a plaintext
// column here: it lives in `ciphertext`/`nonce` and its embedding in `embedding_enc`.
import { sql, type SQL } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgPolicy,
  pgRole,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  vector,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core'
import { TIERS } from '@/lib/tiers'

export const EMBEDDING_DIMENSIONS = 384

/** The non-superuser role request work runs as (created by the first migration). */
export const appRole = pgRole('mnemo_app').existing()

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
})

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}

/**
 * Rows are visible to, and writable by, the user named in `app.user_id` only, and only when
 * `app.user_sig` proves the application set it (mnemo_user_id(), migration 0005).
 */
function ownerPolicy(table: string, column: SQL) {
  const owner = sql`${column} = (select mnemo_user_id())`
  return pgPolicy(`${table}_owner`, { for: 'all', to: appRole, using: owner, withCheck: owner })
}

export const tierEnum = pgEnum('tier', TIERS)
export const userRoleEnum = pgEnum('user_role', ['admin', 'user'])
export const memorySourceEnum = pgEnum('memory_source', ['app', 'api', 'telegram', 'whatsapp', 'import'])

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    email: text('email'),
    name: text('name'),
    passwordHash: text('password_hash'),
    timezone: text('timezone').notNull().default('UTC'),
    role: userRoleEnum('role').notNull().default('user'),
    maxTier: smallint('max_tier').notNull().default(4),
    active: boolean('active').notNull().default(true),
    verified: boolean('verified').notNull().default(false),
    /** When the owner followed the confirmation link sent to `email`; null: unconfirmed. */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    preferences: jsonb('preferences').$type<Record<string, unknown>>().notNull().default({}),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('users_phone_key').on(t.phone),
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    ownerPolicy('users', sql`${t.id}`),
  ],
).enableRLS()
export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert

export const preferenceHistory = pgTable(
  'preference_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('preference_history_user_idx').on(t.userId, t.changedAt),
    ownerPolicy('preference_history', sql`${t.userId}`),
  ],
).enableRLS()
export type PreferenceChange = typeof preferenceHistory.$inferSelect

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    userAgent: text('user_agent'),
    ip: text('ip'),
    device: text('device'),
    /** When the password was last entered on this session (tier 2 unlock for 12 h). */
    freshAuthAt: timestamp('fresh_auth_at', { withTimezone: true }),
    /** Tier unlock windows from passkey step-up: `{ "3": "2026-01-01T00:00:00Z" }`. */
    unlocks: jsonb('unlocks').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
    index('sessions_user_idx').on(t.userId, t.lastSeenAt),
    ownerPolicy('sessions', sql`${t.userId}`),
  ],
).enableRLS()
export type Session = typeof sessions.$inferSelect

export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('password_reset_tokens_hash_key').on(t.tokenHash),
    index('password_reset_tokens_user_idx').on(t.userId),
    ownerPolicy('password_reset_tokens', sql`${t.userId}`),
  ],
).enableRLS()
export type PasswordResetToken = typeof passwordResetTokens.$inferSelect

/** An email address waiting for its owner to follow the link sent to it (token stored hashed). */
export const emailConfirmations = pgTable(
  'email_confirmations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('email_confirmations_hash_key').on(t.tokenHash),
    index('email_confirmations_user_idx').on(t.userId),
    ownerPolicy('email_confirmations', sql`${t.userId}`),
  ],
).enableRLS()
export type EmailConfirmation = typeof emailConfirmations.$inferSelect

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, shown in lists so a user can tell tokens apart. */
    prefix: text('prefix').notNull(),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    maxTier: smallint('max_tier').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_key').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId),
    ownerPolicy('api_tokens', sql`${t.userId}`),
  ],
).enableRLS()
export type ApiToken = typeof apiTokens.$inferSelect

export const passkeys = pgTable(
  'passkeys',
  {
    /** The credential id, base64url. */
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    publicKey: bytea('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array().notNull().default(sql`'{}'::text[]`),
    deviceType: text('device_type'),
    backedUp: boolean('backed_up').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkeys_user_idx').on(t.userId), ownerPolicy('passkeys', sql`${t.userId}`)],
).enableRLS()
export type Passkey = typeof passkeys.$inferSelect

/** Single-use WebAuthn challenges; `user_id` is null for a passkey sign-in not yet tied to a user. */
export const authChallenges = pgTable(
  'auth_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id'),
    challenge: text('challenge').notNull(),
    purpose: text('purpose').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('auth_challenges_challenge_key').on(t.challenge), index('auth_challenges_expires_idx').on(t.expiresAt)],
)
export type AuthChallenge = typeof authChallenges.$inferSelect

/** A data key per user and tier, wrapped (encrypted) by the master key. */
export const tierKeys = pgTable(
  'tier_keys',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    tier: tierEnum('tier').notNull(),
    wrappedKey: bytea('wrapped_key').notNull(),
    /** Identifies the master key that wrapped this row, so a rotation can resume. */
    masterKeyId: text('master_key_id').notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.userId, t.tier] }), ownerPolicy('tier_keys', sql`${t.userId}`)],
).enableRLS()
export type TierKey = typeof tierKeys.$inferSelect

export const memories = pgTable(
  'memories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id'),
    tier: tierEnum('tier').notNull(),
    securityLevel: smallint('security_level').notNull(),
    /** Plaintext, tier 1 only. */
    content: text('content'),
    /** Tier >= 2: content, tags, entities, reasoning, sealed together. */
    ciphertext: bytea('ciphertext'),
    nonce: bytea('nonce'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    emotion: jsonb('emotion').$type<Record<string, unknown>>(),
    entities: jsonb('entities').$type<Record<string, unknown>>(),
    confidence: real('confidence'),
    reasoning: text('reasoning'),
    model: text('model'),
    source: memorySourceEnum('source').notNull().default('app'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL => sql`to_tsvector('english', coalesce(${memories.content}, ''))`,
    ),
    embedding: vector('embedding', { dimensions: EMBEDDING_DIMENSIONS }),
    embeddingEnc: bytea('embedding_enc'),
    embeddingModel: text('embedding_model'),
    ...timestamps,
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('memories_user_client_key').on(t.userId, t.clientId),
    index('memories_user_created_idx').on(t.userId, t.createdAt.desc()),
    index('memories_user_occurred_idx').on(t.userId, t.occurredAt.desc()),
    index('memories_user_tier_idx').on(t.userId, t.tier, t.createdAt.desc()),
    index('memories_search_idx').using('gin', t.userId, t.searchVector),
    // Half precision: half the size of a full-precision index (which has to stay in memory to be
    // fast), the same neighbours within rounding. Search orders by the same expression.
    index('memories_embedding_idx').using('hnsw', sql`(${t.embedding}::halfvec(${sql.raw(String(EMBEDDING_DIMENSIONS))})) halfvec_cosine_ops`),
    ownerPolicy('memories', sql`${t.userId}`),
  ],
).enableRLS()
export type Memory = typeof memories.$inferSelect
export type NewMemory = typeof memories.$inferInsert

export const memoryConnections = pgTable(
  'memory_connections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    fromId: uuid('from_id')
      .notNull()
      .references((): AnyPgColumn => memories.id, { onDelete: 'cascade' }),
    toId: uuid('to_id')
      .notNull()
      .references((): AnyPgColumn => memories.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    strength: real('strength').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('memory_connections_key').on(t.userId, t.fromId, t.toId, t.kind),
    ownerPolicy('memory_connections', sql`${t.userId}`),
  ],
).enableRLS()
export type MemoryConnection = typeof memoryConnections.$inferSelect

/** Labelled examples from the user's own corrections; the example text is sealed. */
export const corrections = pgTable(
  'corrections',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    memoryId: uuid('memory_id').references(() => memories.id, { onDelete: 'set null' }),
    fromTier: tierEnum('from_tier').notNull(),
    toTier: tierEnum('to_tier').notNull(),
    exampleEnc: bytea('example_enc').notNull(),
    nonce: bytea('nonce').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('corrections_user_idx').on(t.userId, t.createdAt),
    ownerPolicy('corrections', sql`${t.userId}`),
  ],
).enableRLS()
export type Correction = typeof corrections.$inferSelect

export const digests = pgTable(
  'digests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    /** Sealed digest body: it may quote confidential memories. */
    payloadEnc: bytea('payload_enc').notNull(),
    nonce: bytea('nonce').notNull(),
    memoryCount: integer('memory_count').notNull().default(0),
    model: text('model'),
    ...timestamps,
  },
  (t) => [uniqueIndex('digests_user_day_key').on(t.userId, t.day), ownerPolicy('digests', sql`${t.userId}`)],
).enableRLS()
export type Digest = typeof digests.$inferSelect

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt.desc()),
    ownerPolicy('notifications', sql`${t.userId}`),
  ],
).enableRLS()
export type Notification = typeof notifications.$inferSelect

/**
 * The access log, hash-chained: `hash` = SHA-256 over `prev_hash` and this row's fields.
 * `user_id` is null for events not tied to a known account (a sign-in with an unknown phone).
 */
export const accessLog = pgTable(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id'),
    action: text('action').notNull(),
    tier: tierEnum('tier'),
    success: boolean('success').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    device: text('device'),
    riskScore: real('risk_score').notNull().default(0),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** 1: SHA-256 chain (rows before migration 0013); 2: HMAC-SHA256 keyed from the master key. */
    chainVersion: smallint('chain_version').notNull().default(1),
    /** The row's place in the chain (1, 2, …), covered by its MAC; none on version-1 rows. */
    position: bigint('position', { mode: 'number' }),
  },
  (t) => [
    index('access_log_user_idx').on(t.userId, t.createdAt.desc()),
    ownerPolicy('access_log', sql`${t.userId}`),
  ],
).enableRLS()
export type AccessLogEntry = typeof accessLog.$inferSelect

/**
 * The distinct words of a user's tier-1 memories, with how many memories hold each: the
 * vocabulary that typo-tolerant search corrects a query word against ("hospitl" → "hospital").
 * Protected tiers never add words here.
 */
export const memoryTerms = pgTable(
  'memory_terms',
  {
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
    count: integer('count').notNull().default(1),
    /** The word's stem as full text matches it ('planning' → 'plan'); none for a stop word. */
    lexeme: text('lexeme').generatedAlwaysAs(sql`(tsvector_to_array(to_tsvector('english'::regconfig, term)))[1]`),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.term] }),
    index('memory_terms_trgm_idx').using('gin', t.userId, t.term.op('gin_trgm_ops')),
    index('memory_terms_lexeme_idx').on(t.userId, t.lexeme),
    ownerPolicy('memory_terms', sql`${t.userId}`),
  ],
).enableRLS()

/** Counters of rate-limiter-flexible (sign-in, register, reset); keys are hashed identifiers. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: timestamp('expire', { withTimezone: true }),
})

/** One row per search, for analytics: when, how long, how many results. Never the query's words. */
export const searchEvents = pgTable(
  'search_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    durationMs: real('duration_ms').notNull(),
    resultCount: integer('result_count').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('search_events_created_idx').on(t.createdAt),
    index('search_events_user_idx').on(t.userId, t.createdAt),
    ownerPolicy('search_events', sql`${t.userId}`),
  ],
).enableRLS()
export type SearchEvent = typeof searchEvents.$inferSelect
