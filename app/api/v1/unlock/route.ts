import type { AuthenticationResponseJSON } from '@simplewebauthn/server'
import { authenticate } from '@/lib/auth/principal'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'
import { verifyStepUp } from '@/lib/webauthn'
import { unlockSchema } from '@/lib/webauthn/schema'

/** Passkey step-up: unlocks tiers 2–3 for 15 minutes, tier 4 for 5. */
export const POST = route(async (request) => {
  const principal = await authenticate(request)
  const input = await readJson(request, unlockSchema, 'unlock')
  const until = await verifyStepUp(principal, input.tier, input.response as unknown as AuthenticationResponseJSON, requestInfo(request.headers))
  return json({ tier: input.tier, unlocked_until: until.toISOString() })
})
