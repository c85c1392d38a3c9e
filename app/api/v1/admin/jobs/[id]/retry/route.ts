import { authenticateAdmin, handleFailedJob } from '@/lib/admin'
import { jobParamsSchema } from '@/lib/admin/schema'
import { requestInfo } from '@/lib/http/request-info'
import { json, readParams, route } from '@/lib/http/route'

export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await authenticateAdmin(request)
  const { id } = await readParams(params, jobParamsSchema, 'job')
  await handleFailedJob({ actorId: principal.user.id, jobId: id, op: 'retry', info: requestInfo(request.headers) })
  return json({ status: 'ok' })
})
