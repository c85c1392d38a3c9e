import { z } from 'zod'
import { authenticate } from '@/lib/auth/principal'
import { json, readJson, route } from '@/lib/http/route'
import { markRead } from '@/lib/notify'

const schema = z.strictObject({ ids: z.array(z.uuid()).max(200).optional() })

export const POST = route(async (request) => {
  const { user } = await authenticate(request)
  const { ids } = await readJson(request, schema, 'notifications')
  return json({ marked: await markRead({ userId: user.id, ids }) })
})
