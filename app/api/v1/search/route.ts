import { authenticate } from '@/lib/auth/principal'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'
import { search } from '@/lib/search'
import { searchSchema } from './schema'

export const POST = route(async (request) => {
  const principal = await authenticate(request, { scope: 'search' })
  const input = await readJson(request, searchSchema, 'search')
  return json(await search(principal, input, requestInfo(request.headers)))
})
