import { authenticateAdmin, loadAnalytics, periodOf } from '@/lib/admin'
import { analyticsQuerySchema } from '@/lib/admin/schema'
import { json, readQuery, route } from '@/lib/http/route'

export const GET = route(async (request) => {
  const principal = await authenticateAdmin(request)
  const query = readQuery(request, analyticsQuerySchema, 'admin')
  return json(await loadAnalytics(principal.user.id, periodOf(query)))
})
