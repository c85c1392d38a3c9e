import { z } from 'zod'
import { registerUser } from '@/lib/accounts/register'
import { publicProfile } from '@/lib/accounts/profile'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'

// The body is checked field by field in registerUser, so every problem is named at once. Taken as
// it was parsed (not through z.record, which drops a `__proto__` key instead of naming it).
const body = z.unknown()

export const POST = route(async (request) => {
  const input = await readJson(request, body, 'register')
  const user = await registerUser(input, requestInfo(request.headers))
  return json(publicProfile(user), { status: 201 })
})
