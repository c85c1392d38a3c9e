import { authenticate } from '@/lib/auth/principal'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, readQuery, route } from '@/lib/http/route'
import { captureMemory, listMemories } from '@/lib/memories'
import { AppError } from '@/lib/errors'
import { OWNER_HEADER } from '@/lib/offline/owner-header'
import { captureSchema, listQuerySchema } from '@/lib/memories/schema'
import { writeReceipt } from '@/lib/memories/serialize'

export const POST = route(async (request) => {
  const principal = await authenticate(request, { scope: 'memories:write' })
  // The offline outbox names the account a capture was written in: never store it in another's.
  const owner = request.headers.get(OWNER_HEADER)
  if (owner !== null && owner !== principal.user.id) {
    throw new AppError('conflict:owner', { message: 'This capture was written while another account was signed in on this device; it was not saved here.' })
  }
  const input = await readJson(request, captureSchema, 'memory')
  const result = await captureMemory(principal, input, 'api')
  // A replayed client id answers with the memory stored first, which this caller did not
  // necessarily write: without the read scope, only that it exists.
  if (!result.created && !principal.scopes.includes('memories:read')) return json(writeReceipt(result.memory), { status: 200 })
  return json({ ...result.memory, classification: result.classification }, { status: result.created ? 201 : 200 })
})

export const GET = route(async (request) => {
  const principal = await authenticate(request, { scope: 'memories:read' })
  const query = readQuery(request, listQuerySchema, 'memory')
  return json(await listMemories(principal, { ...query, tiers: query.tier }, requestInfo(request.headers)))
})
