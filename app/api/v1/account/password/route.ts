import { changePassword } from '@/lib/accounts/password'
import { passwordChangeSchema } from '@/lib/accounts/schema'
import { authenticate } from '@/lib/auth/principal'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'

export const POST = route(async (request) => {
  const principal = await authenticate(request)
  const input = await readJson(request, passwordChangeSchema, 'password')
  const result = await changePassword({
    userId: principal.user.id,
    sessionId: principal.sessionId,
    currentPassword: input.current_password,
    newPassword: input.new_password,
    info: requestInfo(request.headers),
  })
  return json({ status: 'ok', revoked_sessions: result.revokedSessions })
})
