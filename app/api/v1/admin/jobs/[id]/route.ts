import { authenticateAdmin, handleFailedJob } from '@/lib/admin'
import { jobParamsSchema } from '@/lib/admin/schema'
import { requestInfo } from '@/lib/http/request-info'
import { readParams, route } from '@/lib/http/route'

export const DELETE = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await authenticateAdmin(request)
  const { id } = await readParams(params, jobParamsSchema, 'job')
  await handleFailedJob({ actorId: principal.user.id, jobId: id, op: 'discard', info: requestInfo(request.headers) })
  return new Response(null, { status: 204 })
})
