import { z } from 'zod'
import { ACCESS_KINDS, listAccessLog, publicAccessEntry } from '@/lib/audit/list'
import { authenticate } from '@/lib/auth/principal'
import { json, parseWith, route } from '@/lib/http/route'

const querySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).optional(),
  kind: z.enum(ACCESS_KINDS).default('all'),
  success: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
})

/** The caller's own access log, newest first; `before` pages back, `kind` and `success` filter. */
export const GET = route(async (request) => {
  const { user } = await authenticate(request)
  const query = parseWith(querySchema, Object.fromEntries(new URL(request.url).searchParams), 'access_log')
  const rows = await listAccessLog({ userId: user.id, ...query })
  return json({ items: rows.map(publicAccessEntry), next_before: rows.length === query.limit ? rows[rows.length - 1].id : null })
})
