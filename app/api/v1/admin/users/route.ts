import { authenticateAdmin, listUsers } from '@/lib/admin'
import { adminUsersQuerySchema } from '@/lib/admin/schema'
import { json, parseWith, route } from '@/lib/http/route'

export const GET = route(async (request) => {
  const principal = await authenticateAdmin(request)
  const query = parseWith(adminUsersQuerySchema, Object.fromEntries(new URL(request.url).searchParams), 'admin')
  return json(await listUsers(principal.user.id, query))
})
