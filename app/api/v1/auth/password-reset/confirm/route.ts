import { resetPassword } from '@/lib/auth/password-reset'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'
import { resetConfirmSchema } from '@/lib/auth/schema'

export const POST = route(async (request) => {
  const input = await readJson(request, resetConfirmSchema, 'password_reset')
  await resetPassword({ token: input.token, password: input.password, info: requestInfo(request.headers) })
  return json({ status: 'ok', message: 'Your password is changed. Sign in with it.' })
})
