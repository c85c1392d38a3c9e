import { authenticateAdmin, listAudit } from '@/lib/admin'
import { adminAuditQuerySchema } from '@/lib/admin/schema'
import { json, readQuery, route } from '@/lib/http/route'

export const GET = route(async (request) => {
  const principal = await authenticateAdmin(request)
  const query = readQuery(request, adminAuditQuerySchema, 'admin')
  return json(await listAudit(principal.user.id, query))
})
