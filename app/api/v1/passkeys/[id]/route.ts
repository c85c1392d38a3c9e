import { authenticate } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { requestInfo } from '@/lib/http/request-info'
import { readJson, readParams, route } from '@/lib/http/route'
import { removePasskey, renamePasskey } from '@/lib/webauthn'
import { passkeyParamsSchema, renameSchema } from '@/lib/webauthn/schema'

type Ctx = { params: Promise<{ id: string }> }

export const PATCH = route(async (request, { params }: Ctx) => {
  const { user } = await authenticate(request)
  const { id } = await readParams(params, passkeyParamsSchema, 'passkey')
  const { name } = await readJson(request, renameSchema, 'passkey')
  if (!(await renamePasskey(user.id, id, name))) throw new AppError('not_found:passkey')
  return new Response(null, { status: 204 })
})

export const DELETE = route(async (request, { params }: Ctx) => {
  const principal = await authenticate(request)
  const { id } = await readParams(params, passkeyParamsSchema, 'passkey')
  if (!(await removePasskey(principal, id, requestInfo(request.headers)))) throw new AppError('not_found:passkey')
  return new Response(null, { status: 204 })
})
