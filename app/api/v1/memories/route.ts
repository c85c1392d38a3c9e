import { authenticate } from '@/lib/auth/principal'
import { requestInfo } from '@/lib/http/request-info'
import { json, parseWith, readJson, route } from '@/lib/http/route'
import { captureMemory, listMemories } from '@/lib/memories'
import { captureSchema, listQuerySchema } from '@/lib/memories/schema'

export const POST = route(async (request) => {
  const principal = await authenticate(request, { scope: 'memories:write' })
  const input = await readJson(request, captureSchema, 'memory')
  const result = await captureMemory(principal, input, 'api')
  return json({ ...result.memory, classification: result.classification }, { status: result.created ? 201 : 200 })
})

export const GET = route(async (request) => {
  const principal = await authenticate(request, { scope: 'memories:read' })
  const query = parseWith(listQuerySchema, Object.fromEntries(new URL(request.url).searchParams), 'memory')
  return json(await listMemories(principal, { ...query, tiers: query.tier }, requestInfo(request.headers)))
})
