import { authenticate } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'
import { unlockWithPassword } from '@/lib/webauthn/password-unlock'
import { passwordUnlockSchema } from '@/lib/webauthn/schema'

/** Re-entering the password opens the confidential tier for 12 hours on this session. */
export const POST = route(async (request) => {
  const principal = await authenticate(request)
  if (principal.kind !== 'session') throw new AppError('forbidden:token', { message: 'Unlock from a signed-in session.' })
  const { password } = await readJson(request, passwordUnlockSchema, 'unlock')
  const until = await unlockWithPassword(principal, password, requestInfo(request.headers))
  return json({ tier: 'confidential', unlocked_until: until.toISOString() })
})
