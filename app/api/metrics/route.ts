import { assertMetricsAccess, renderMetrics } from '@/lib/metrics'
import { route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

export const GET = route(async (request) => {
  assertMetricsAccess(request.headers.get('authorization'))
  const { body, contentType } = await renderMetrics()
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } })
})
