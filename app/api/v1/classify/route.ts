import { authenticate } from '@/lib/auth/principal'
import { json, readJson, route } from '@/lib/http/route'
import { classifyForUser } from '@/lib/memories/classify-only'
import { classifySchema } from '@/lib/classify/schema'

/** Classifies without storing anything. */
export const POST = route(async (request) => {
  const principal = await authenticate(request)
  const input = await readJson(request, classifySchema, 'classify')
  return json(await classifyForUser(principal, input.content, input.context))
})
