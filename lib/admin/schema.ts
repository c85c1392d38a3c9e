// Inputs of the admin API (GET /api/v1/admin/...), and the shapes it answers, for the
// OpenAPI document.
import { z } from 'zod'
import { phoneInput } from '@/lib/accounts/schema'
import { dateOrDateTimeInput, text, uuidParam } from '@/lib/http/input'

export const adminUsersQuerySchema = z.strictObject({
  q: text().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})
export type AdminUsersQuery = z.output<typeof adminUsersQuerySchema>

/** Deleting a user is confirmed by typing their phone number. */
export const adminDeleteUserSchema = z.strictObject({ confirm: phoneInput })

export const analyticsQuerySchema = z
  .strictObject({
    from: dateOrDateTimeInput().optional(),
    to: dateOrDateTimeInput().optional(),
    days: z.coerce.number().int().min(1).max(366).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from.slice(0, 10) <= q.to.slice(0, 10), { message: 'The start of the period comes after its end.', path: ['from'] })

export const adminAuditQuerySchema = z.strictObject({
  user_id: uuidParam.optional(),
  action: text().trim().max(64).optional(),
  success: z.enum(['true', 'false']).optional(),
  // Hundredths: a risk score is stored as a real, and a value like 1e-146 would underflow it.
  min_risk: z.coerce.number().min(0).max(1).transform((v) => Math.round(v * 100) / 100).optional(),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type AdminAuditQuery = z.output<typeof adminAuditQuerySchema>

const counts = z.record(z.string(), z.number().int())

export const adminUserSchema = z.object({
  id: z.uuid(),
  phone: z.string(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  role: z.enum(['admin', 'user']),
  active: z.boolean(),
  max_tier: z.number().int().min(1).max(4),
  created_at: z.string(),
  last_seen_at: z.string().nullable(),
  memories_by_tier: counts,
  memories_by_source: counts,
})

export const adminUserListSchema = z.object({ items: z.array(adminUserSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })

export const analyticsSchema = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(z.string()),
  series: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      unit: z.string(),
      kind: z.enum(['stacked', 'lines']),
      keys: z.array(z.string()),
      values: z.record(z.string(), z.array(z.number())),
    }),
  ),
})

export const systemSchema = z.object({
  version: z.string(),
  node: z.string(),
  uptime_seconds: z.number(),
  engine: z.enum(['pglite', 'postgres']),
  database_bytes: z.number(),
  largest_tables: z.array(z.object({ name: z.string(), bytes: z.number(), rows: z.number() })),
  migrations: z.object({ applied: z.number().int(), known: z.number().int(), pending: z.array(z.string()) }),
  memory: z.object({ rss: z.number(), heap_used: z.number(), heap_total: z.number(), external: z.number() }),
  routes: z.array(z.object({ route: z.string(), requests: z.number(), client_errors: z.number(), server_errors: z.number(), error_rate: z.number() })),
  queue: z.object({
    available: z.boolean(),
    reason: z.string().optional(),
    queues: z.array(z.object({ name: z.string(), states: z.record(z.string(), z.number()), failed: z.number() })),
    failed: z.array(z.object({ id: z.string(), queue: z.string(), error: z.string(), failed_at: z.string().nullable() })),
  }),
})

export const auditEntrySchema = z.object({
  id: z.number().int(),
  user_id: z.string().nullable(),
  action: z.string(),
  tier: z.string().nullable(),
  success: z.boolean(),
  ip: z.string().nullable(),
  device: z.string().nullable(),
  risk_score: z.number(),
  details: z.record(z.string(), z.unknown()),
  created_at: z.string(),
})
export const auditListSchema = z.object({ items: z.array(auditEntrySchema), next_before: z.number().int().nullable() })
export const auditVerdictSchema = z.object({ ok: z.boolean(), rows: z.number().int(), broken_at: z.number().int().optional(), reason: z.string().optional() })

export const jobParamsSchema = z.strictObject({ id: uuidParam })
