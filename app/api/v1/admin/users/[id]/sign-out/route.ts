import { signOutUserEverywhere } from '@/lib/accounts/admin'
import { userParamsSchema } from '@/lib/accounts/schema'
import { authenticateAdmin } from '@/lib/admin'
import { requestInfo } from '@/lib/http/request-info'
import { json, readParams, route } from '@/lib/http/route'

export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await authenticateAdmin(request)
  const { id } = await readParams(params, userParamsSchema, 'user')
  const revoked = await signOutUserEverywhere({ actorId: principal.user.id, userId: id, info: requestInfo(request.headers) })
  return json({ revoked })
})
