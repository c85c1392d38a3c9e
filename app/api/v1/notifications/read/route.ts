import { authenticate } from '@/lib/auth/principal'
import { json, readJson, route } from '@/lib/http/route'
import { markRead } from '@/lib/notify'
import { markReadSchema } from '@/lib/notify/schema'

export const POST = route(async (request) => {
  const { user } = await authenticate(request)
  const { ids } = await readJson(request, markReadSchema, 'notifications')
  return json({ marked: await markRead({ userId: user.id, ids }) })
})
