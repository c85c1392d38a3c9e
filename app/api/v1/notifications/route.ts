import { authenticate } from '@/lib/auth/principal'
import { json, route } from '@/lib/http/route'
import { listNotifications, publicNotification } from '@/lib/notify'

export const GET = route(async (request) => {
  const { user } = await authenticate(request)
  return json({ items: (await listNotifications({ userId: user.id })).map(publicNotification) })
})
