// Query of GET /api/v1/account/access-log.
import { z } from 'zod'

export const ACCESS_KINDS = ['all', 'reads', 'account'] as const
export type AccessKind = (typeof ACCESS_KINDS)[number]

export const accessLogQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  kind: z.enum(ACCESS_KINDS).default('all'),
  success: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
})
