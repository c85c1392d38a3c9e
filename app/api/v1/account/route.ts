import { deleteAccount } from '@/lib/accounts/delete'
import { getProfile, updateProfile } from '@/lib/accounts/profile'
import { requestInfo } from '@/lib/http/request-info'
import { deleteAccountSchema, profileUpdateSchema } from '@/lib/accounts/schema'
import { authenticate } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
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

/** Deletes the account and everything in it, for good (crypto-shredding first). */
export const DELETE = route(async (request) => {
  const principal = await authenticate(request)
  if (principal.kind !== 'session') throw new AppError('forbidden:token', { message: 'Delete your account from a signed-in session.' })
  const { password } = await readJson(request, deleteAccountSchema, 'account')
  await deleteAccount({ userId: principal.user.id, password, info: requestInfo(request.headers) })
  return new Response(null, { status: 204 })
})
