import { confirmEmail } from '@/lib/accounts/contact'
import { emailConfirmSchema } from '@/lib/accounts/schema'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'

/** Follows an emailed confirmation link: no sign-in needed, the single-use token is the proof. */
export const POST = route(async (request) => {
  const { token } = await readJson(request, emailConfirmSchema, 'email_confirmation')
  return json({ status: 'confirmed', ...(await confirmEmail({ token, info: requestInfo(request.headers) })) })
})
