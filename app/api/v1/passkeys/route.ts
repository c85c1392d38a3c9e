import type { RegistrationResponseJSON } from '@simplewebauthn/server'
import { authenticate } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'
import { listPasskeys, verifyRegistration } from '@/lib/webauthn'
import { publicPasskey } from '@/lib/webauthn/public'
import { registerSchema } from '@/lib/webauthn/schema'

export const GET = route(async (request) => {
  const { user } = await authenticate(request)
  return json({ items: (await listPasskeys(user.id)).map(publicPasskey) })
})

/** Finishes registering a passkey (after POST /passkeys/options). */
export const POST = route(async (request) => {
  const principal = await authenticate(request)
  if (principal.kind !== 'session') throw new AppError('forbidden:token', { message: 'Add passkeys from a signed-in session.' })
  const input = await readJson(request, registerSchema, 'passkey')
  const passkey = await verifyRegistration(principal, input.response as unknown as RegistrationResponseJSON, input.name, requestInfo(request.headers))
  return json(publicPasskey(passkey), { status: 201 })
})
