import { revokeApiToken } from '@/lib/auth/api-tokens'
import { authenticate } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { requestInfo } from '@/lib/http/request-info'
import { readParams, route } from '@/lib/http/route'
import { tokenParamsSchema } from '@/lib/auth/schema'

export const DELETE = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { user } = await authenticate(request)
  const { id } = await readParams(params, tokenParamsSchema, 'token')
  const done = await revokeApiToken({ userId: user.id, id, info: requestInfo(request.headers) })
  if (!done) throw new AppError('not_found:token')
  return new Response(null, { status: 204 })
})
