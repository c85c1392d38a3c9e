import { authenticate } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { json, route } from '@/lib/http/route'
import { registrationOptions } from '@/lib/webauthn'

export const POST = route(async (request) => {
  const principal = await authenticate(request)
  if (principal.kind !== 'session') throw new AppError('forbidden:token', { message: 'Add passkeys from a signed-in session.' })
  return json(await registrationOptions(principal))
})
