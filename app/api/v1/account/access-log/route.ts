import { accessLogQuerySchema } from '@/lib/audit/schema'
import { listAccessLog, publicAccessEntry } from '@/lib/audit/list'
import { authenticate } from '@/lib/auth/principal'
import { json, readQuery, route } from '@/lib/http/route'

/** The caller's own access log, newest first; `before` pages back, `kind` and `success` filter. */
export const GET = route(async (request) => {
  const { user } = await authenticate(request)
  const query = readQuery(request, accessLogQuerySchema, 'access_log')
  const rows = await listAccessLog({ userId: user.id, ...query })
  return json({ items: rows.map(publicAccessEntry), next_before: rows.length === query.limit ? rows[rows.length - 1].id : null })
})
