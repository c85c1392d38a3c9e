import { authenticate } from '@/lib/auth/principal'
import { json, route } from '@/lib/http/route'
import { registrationOptions } from '@/lib/webauthn'

export const POST = route(async (request) => {
  const principal = await authenticate(request)
  return json(await registrationOptions(principal))
})
