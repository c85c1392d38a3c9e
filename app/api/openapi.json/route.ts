import { openApiDocument } from '@/lib/api/openapi'
import { route } from '@/lib/http/route'

export const dynamic = 'force-dynamic'

export const GET = route(async () => Response.json(openApiDocument(), { headers: { 'cache-control': 'no-cache' } }))
