import { authenticateAdmin, verifyAudit } from '@/lib/admin'
import { json, route } from '@/lib/http/route'

export const POST = route(async (request) => {
  const principal = await authenticateAdmin(request)
  return json(await verifyAudit(principal.user.id))
})
