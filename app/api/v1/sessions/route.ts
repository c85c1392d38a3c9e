import { authenticate } from '@/lib/auth/principal'
import { publicSession } from '@/lib/auth/public-session'
import { listSessions, revokeOtherSessions } from '@/lib/auth/sessions'
import { requestInfo } from '@/lib/http/request-info'
import { json, route } from '@/lib/http/route'

export const GET = route(async (request) => {
  const principal = await authenticate(request)
  const rows = await listSessions({ userId: principal.user.id })
  return json({ items: rows.map((row) => publicSession(row, principal.sessionId)) })
})

/** Signs out every other device (a signed-in session only: no API token may sign the owner out). */
export const DELETE = route(async (request) => {
  const principal = await authenticate(request)
  const count = await revokeOtherSessions({ userId: principal.user.id, keepId: principal.sessionId, info: requestInfo(request.headers) })
  return json({ revoked: count })
})
