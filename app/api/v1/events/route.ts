import { authenticate, isPrincipalCurrent } from '@/lib/auth/principal'
import { readQuery, route } from '@/lib/http/route'
import { memoryEventStream } from '@/lib/live'
import { memoriesChangedSince } from '@/lib/memories'
import { eventsQuerySchema } from '@/lib/live/schema'

// A stream per open timeline: never prerendered, never cached.
export const dynamic = 'force-dynamic'

/** Server-sent events of the caller's memories: `memory` { memory_id, kind } and `resync`. */
export const GET = route(async (request) => {
  const principal = await authenticate(request, { scope: 'memories:read' })
  const { since } = readQuery(request, eventsQuerySchema, 'events')
  return memoryEventStream({
    userId: principal.user.id,
    signal: request.signal,
    stillAllowed: () => isPrincipalCurrent(principal),
    changedSince: since ? () => memoriesChangedSince(principal, new Date(since)) : undefined,
  })
})
