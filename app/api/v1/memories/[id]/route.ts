import { authenticate } from '@/lib/auth/principal'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'
import { deleteMemory, getMemory, updateMemory } from '@/lib/memories'
import { updateSchema } from '../schema'

type Ctx = { params: Promise<{ id: string }> }

export const GET = route(async (request, { params }: Ctx) => {
  const principal = await authenticate(request, { scope: 'memories:read' })
  return json(await getMemory(principal, (await params).id, requestInfo(request.headers)))
})

export const PATCH = route(async (request, { params }: Ctx) => {
  const principal = await authenticate(request, { scope: 'memories:write' })
  const input = await readJson(request, updateSchema, 'memory')
  return json(await updateMemory(principal, (await params).id, input, requestInfo(request.headers)))
})

export const DELETE = route(async (request, { params }: Ctx) => {
  const principal = await authenticate(request, { scope: 'memories:write' })
  await deleteMemory(principal, (await params).id)
  return new Response(null, { status: 204 })
})
