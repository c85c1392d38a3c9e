import { adminUserUpdateSchema, userParamsSchema } from '@/lib/accounts/schema'
import { deleteUserByAdmin, setUserActive, setUserMaxTier, setUserRole } from '@/lib/accounts/admin'
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
  let user = input.active !== undefined ? await setUserActive({ ...action, active: input.active }) : undefined
  if (input.max_tier !== undefined) user = await setUserMaxTier({ ...action, maxTier: input.max_tier })
  if (input.role !== undefined) user = await setUserRole({ ...action, role: input.role })
  return json(publicProfile(user!))
})

export const DELETE = route(async (request, { params }: Ctx) => {
  const principal = await authenticateAdmin(request)
  const { id } = await readParams(params, userParamsSchema, 'user')
  const { confirm } = await readJson(request, adminDeleteUserSchema, 'admin')
  await deleteUserByAdmin({ actorId: principal.user.id, userId: id, confirm, info: requestInfo(request.headers) })
  return new Response(null, { status: 204 })
})
