import { authenticate } from '@/lib/auth/principal'
import { revokeSession } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'
import { requestInfo } from '@/lib/http/request-info'
import { readParams, route } from '@/lib/http/route'
import { sessionParamsSchema } from '@/lib/auth/schema'

export const DELETE = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { user } = await authenticate(request)
  const { id } = await readParams(params, sessionParamsSchema, 'session')
  const done = await revokeSession({ userId: user.id, id, info: requestInfo(request.headers) })
  if (!done) throw new AppError('not_found:session')
  return new Response(null, { status: 204 })
})
