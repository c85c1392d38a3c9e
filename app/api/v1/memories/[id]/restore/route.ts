import { authenticate } from '@/lib/auth/principal'
import { json, readParams, route } from '@/lib/http/route'
import { requestInfo } from '@/lib/http/request-info'
import { memoryParamsSchema } from '@/lib/memories/schema'
import { restoreMemory } from '@/lib/memories'

/** Undo a delete within 30 days. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await authenticate(request, { scope: 'memories:write' })
  const { id } = await readParams(params, memoryParamsSchema, 'memory')
  await restoreMemory(principal, id, requestInfo(request.headers))
  return json({ status: 'ok' })
})
