import { adminUserUpdateSchema, userParamsSchema } from '@/lib/accounts/schema'
import { setUserActive, setUserMaxTier } from '@/lib/accounts/admin'
import { publicProfile } from '@/lib/accounts/profile'
import { authenticate } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, readParams, route } from '@/lib/http/route'

export const PATCH = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await authenticate(request)
  if (principal.kind !== 'session') throw new AppError('forbidden:admin', { message: 'Admin actions need a signed-in session.' })
  const { id } = await readParams(params, userParamsSchema, 'user')
  const input = await readJson(request, adminUserUpdateSchema, 'admin')
  const info = requestInfo(request.headers)
  let user = input.active !== undefined ? await setUserActive({ actorId: principal.user.id, userId: id, active: input.active, info }) : undefined
  if (input.max_tier !== undefined) user = await setUserMaxTier({ actorId: principal.user.id, userId: id, maxTier: input.max_tier, info })
  return json(publicProfile(user!))
})
