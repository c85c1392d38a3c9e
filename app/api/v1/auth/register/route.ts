import { registerUser } from '@/lib/accounts/register'
import { publicProfile } from '@/lib/accounts/profile'
import { registerSchema } from '@/lib/accounts/schema'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'

export const POST = route(async (request) => {
  const input = await readJson(request, registerSchema, 'register')
  const user = await registerUser(input, requestInfo(request.headers))
  return json(publicProfile(user), { status: 201 })
})
