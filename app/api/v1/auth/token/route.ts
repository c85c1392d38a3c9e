import { createApiToken } from '@/lib/auth/api-tokens'
import { verifyLogin } from '@/lib/auth/credentials'
import { SCOPES } from '@/lib/auth/scopes'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'
import { tokenRequestSchema } from '@/lib/auth/schema'

const DEFAULT_DAYS = 30

export const POST = route(async (request) => {
  const input = await readJson(request, tokenRequestSchema, 'token')
  const info = requestInfo(request.headers)
  const user = await verifyLogin({ identifier: (input.phone || input.email) ?? '', password: input.password }, info, 'token.exchange')
  const days = input.expires_in_days ?? DEFAULT_DAYS
  const { token, row } = await createApiToken({
    userId: user.id,
    name: input.name ?? `API token (${info.device})`,
    scopes: input.scopes ?? [...SCOPES],
    maxTier: input.max_tier ?? 'general',
    expiresInDays: days,
    info,
    checkedPasswordHash: user.passwordHash,
  })
  return json({
    access_token: token,
    token_type: 'Bearer',
    expires_in: days * 86_400,
    scopes: row.scopes,
    max_tier: input.max_tier ?? 'general',
  })
})
