import { getProfile, updateProfile } from '@/lib/accounts/profile'
import { profileUpdateSchema } from '@/lib/accounts/schema'
import { authenticate } from '@/lib/auth/principal'
import { json, readJson, route } from '@/lib/http/route'

export const GET = route(async (request) => {
  const { user } = await authenticate(request)
  return json(await getProfile({ userId: user.id }))
})

export const PATCH = route(async (request) => {
  const { user } = await authenticate(request)
  const changes = await readJson(request, profileUpdateSchema, 'account')
  return json(await updateProfile({ userId: user.id, actorId: user.id, changes }))
})
