import { authenticateAdmin, listAudit } from '@/lib/admin'
import { adminAuditQuerySchema } from '@/lib/admin/schema'
import { json, parseWith, route } from '@/lib/http/route'

export const GET = route(async (request) => {
  const principal = await authenticateAdmin(request)
  const query = parseWith(adminAuditQuerySchema, Object.fromEntries(new URL(request.url).searchParams), 'admin')
  return json(await listAudit(principal.user.id, query))
})
