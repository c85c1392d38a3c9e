import { requestPasswordReset } from '@/lib/auth/password-reset'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'
import { resetRequestSchema } from '@/lib/auth/schema'

const ANSWER = { status: 'ok', message: 'If an account with an email matches, a reset link is on its way.' }

export const POST = route(async (request) => {
  const input = await readJson(request, resetRequestSchema, 'password_reset')
  await requestPasswordReset({ identifier: (input.email || input.phone) ?? '', info: requestInfo(request.headers) })
  return json(ANSWER, { status: 202 })
})
