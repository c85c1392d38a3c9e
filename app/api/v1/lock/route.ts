import { authenticate } from '@/lib/auth/principal'
import { requestInfo } from '@/lib/http/request-info'
import { route } from '@/lib/http/route'
import { lockNow } from '@/lib/webauthn'

/** "Lock now": every protected tier of every session of the user locks again. */
export const POST = route(async (request) => {
  const principal = await authenticate(request)
  await lockNow(principal, requestInfo(request.headers))
  return new Response(null, { status: 204 })
})
