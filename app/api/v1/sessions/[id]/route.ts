import { authenticate } from '@/lib/auth/principal'
import { revokeSession } from '@/lib/auth/sessions'
import { AppError } from '@/lib/errors'
import { requestInfo } from '@/lib/http/request-info'
import { route } from '@/lib/http/route'

export const DELETE = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { user } = await authenticate(request)
  const { id } = await params
  const done = /^[0-9a-f-]{36}$/i.test(id) && (await revokeSession({ userId: user.id, id, info: requestInfo(request.headers) }))
  if (!done) throw new AppError('not_found:session')
  return new Response(null, { status: 204 })
})
