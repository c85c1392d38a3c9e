import { authenticate } from '@/lib/auth/principal'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'
import { search, serverTiming, type SearchTimings } from '@/lib/search'
import { searchSchema } from '@/lib/search/schema'

export const POST = route(async (request) => {
  const principal = await authenticate(request, { scope: 'search' })
  const input = await readJson(request, searchSchema, 'search')
  const timings: SearchTimings = {}
  const result = await search(principal, input, requestInfo(request.headers), timings)
  return json(result, { headers: { 'server-timing': serverTiming(timings) } })
})
