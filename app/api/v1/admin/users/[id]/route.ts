import { adminUserUpdateSchema, userParamsSchema } from '@/lib/accounts/schema'
import { deleteUserByAdmin, updateUserAsAdmin } from '@/lib/accounts/admin'
import { publicProfile } from '@/lib/accounts/profile'
import { authenticateAdmin } from '@/lib/admin'
import { adminDeleteUserSchema } from '@/lib/admin/schema'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, readParams, route } from '@/lib/http/route'

type Ctx = { params: Promise<{ id: string }> }

export const PATCH = route(async (request, { params }: Ctx) => {
  const principal = await authenticateAdmin(request)
  const { id } = await readParams(params, userParamsSchema, 'user')
  const input = await readJson(request, adminUserUpdateSchema, 'admin')
  const action = { actorId: principal.user.id, userId: id, info: requestInfo(request.headers) }
  // All of it or none: a refused demotion must not leave a changed tier behind.
  const user = await updateUserAsAdmin({ ...action, active: input.active, maxTier: input.max_tier, role: input.role })
  return json(publicProfile(user))
})

export const DELETE = route(async (request, { params }: Ctx) => {
  const principal = await authenticateAdmin(request)
  const { id } = await readParams(params, userParamsSchema, 'user')
  const { confirm } = await readJson(request, adminDeleteUserSchema, 'admin')
  await deleteUserByAdmin({ actorId: principal.user.id, userId: id, confirm, info: requestInfo(request.headers) })
  return new Response(null, { status: 204 })
})
