import { assertMayGrant, createApiToken, listApiTokens, publicToken } from '@/lib/auth/api-tokens'
import { authenticate } from '@/lib/auth/principal'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'
import { createTokenSchema } from '@/lib/auth/schema'

export const GET = route(async (request) => {
  const { user } = await authenticate(request)
  return json({ items: (await listApiTokens({ userId: user.id })).map(publicToken) })
})

export const POST = route(async (request) => {
  const principal = await authenticate(request)
  const input = await readJson(request, createTokenSchema, 'token')
  assertMayGrant(principal, input.max_tier)
  const { token, row } = await createApiToken({
    userId: principal.user.id,
    name: input.name,
    scopes: input.scopes,
    maxTier: input.max_tier,
    expiresInDays: input.expires_in_days ?? null,
    info: requestInfo(request.headers),
  })
  return json({ ...publicToken(row), token }, { status: 201 })
})
