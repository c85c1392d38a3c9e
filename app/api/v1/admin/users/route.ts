import { authenticateAdmin, listUsers } from '@/lib/admin'
import { adminUsersQuerySchema } from '@/lib/admin/schema'
import { json, readQuery, route } from '@/lib/http/route'

export const GET = route(async (request) => {
  const principal = await authenticateAdmin(request)
  const query = readQuery(request, adminUsersQuerySchema, 'admin')
  return json(await listUsers(principal.user.id, query))
})
