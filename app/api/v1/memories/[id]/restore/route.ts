import { authenticate } from '@/lib/auth/principal'
import { json, route } from '@/lib/http/route'
import { restoreMemory } from '@/lib/memories'

/** Undo a delete within 30 days. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await authenticate(request, { scope: 'memories:write' })
  await restoreMemory(principal, (await params).id)
  return json({ status: 'ok' })
})
