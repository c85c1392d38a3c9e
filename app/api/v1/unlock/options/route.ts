import { authenticate } from '@/lib/auth/principal'
import { json, readJson, route } from '@/lib/http/route'
import { stepUpOptions } from '@/lib/webauthn'
import { unlockOptionsSchema } from '@/lib/webauthn/schema'

export const POST = route(async (request) => {
  const principal = await authenticate(request)
  const { tier } = await readJson(request, unlockOptionsSchema, 'unlock')
  return json(await stepUpOptions(principal, tier))
})
