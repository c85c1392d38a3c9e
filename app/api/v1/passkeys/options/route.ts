import { authenticate } from '@/lib/auth/principal'
import { json, route } from '@/lib/http/route'
import { registrationOptions } from '@/lib/webauthn'

/** Options to register a passkey: the password given within 10 minutes, or 403 forbidden:reauth. */
export const POST = route(async (request) => {
  const principal = await authenticate(request)
  return json(await registrationOptions(principal))
})
