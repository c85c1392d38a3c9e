import { authenticate } from '@/lib/auth/principal'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, readParams, route } from '@/lib/http/route'
import { deleteMemory, getMemory, updateMemory } from '@/lib/memories'
import { memoryParamsSchema, updateSchema } from '@/lib/memories/schema'
import { writeReceipt } from '@/lib/memories/serialize'

type Ctx = { params: Promise<{ id: string }> }

export const GET = route(async (request, { params }: Ctx) => {
  const principal = await authenticate(request, { scope: 'memories:read' })
  const { id } = await readParams(params, memoryParamsSchema, 'memory')
  return json(await getMemory(principal, id, requestInfo(request.headers)))
})

export const PATCH = route(async (request, { params }: Ctx) => {
  const principal = await authenticate(request, { scope: 'memories:write' })
  const input = await readJson(request, updateSchema, 'memory')
  const { id } = await readParams(params, memoryParamsSchema, 'memory')
  const updated = await updateMemory(principal, id, input, requestInfo(request.headers))
  // A token that may write but not read learns that the edit was saved, not the memory.
  return json(principal.scopes.includes('memories:read') ? updated : writeReceipt(updated))
})

export const DELETE = route(async (request, { params }: Ctx) => {
  const principal = await authenticate(request, { scope: 'memories:write' })
  const { id } = await readParams(params, memoryParamsSchema, 'memory')
  await deleteMemory(principal, id, requestInfo(request.headers))
  return new Response(null, { status: 204 })
})
