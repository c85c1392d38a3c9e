import { listPreferenceHistory } from '@/lib/accounts/profile'
import { authenticate } from '@/lib/auth/principal'
import { json, route } from '@/lib/http/route'

export const GET = route(async (request) => {
  const { user } = await authenticate(request)
  const rows = await listPreferenceHistory({ userId: user.id })
  return json({
    items: rows.map((r) => ({ key: r.key, old_value: r.oldValue, new_value: r.newValue, changed_by: r.changedBy, changed_at: r.changedAt.toISOString() })),
  })
})
