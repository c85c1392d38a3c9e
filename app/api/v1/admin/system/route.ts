import { authenticateAdmin, systemStatus } from '@/lib/admin'
import { json, route } from '@/lib/http/route'

export const GET = route(async (request) => {
  const principal = await authenticateAdmin(request)
  return json(await systemStatus(principal.user.id))
})
