import { z } from 'zod'
import { setUserActive, setUserMaxTier } from '@/lib/accounts/admin'
import { publicProfile } from '@/lib/accounts/profile'
import { authenticate } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'
import { requestInfo } from '@/lib/http/request-info'
import { json, readJson, route } from '@/lib/http/route'

const adminUserUpdateSchema = z
  .strictObject({ active: z.boolean().optional(), max_tier: z.number().int().min(1).max(4).optional() })
  .refine((v) => v.active !== undefined || v.max_tier !== undefined, { message: 'Send active or max_tier.', path: ['_'] })

export const PATCH = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const principal = await authenticate(request)
  const { id } = await params
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('not_found:user')
  const input = await readJson(request, adminUserUpdateSchema, 'admin')
  const info = requestInfo(request.headers)
  let user = input.active !== undefined ? await setUserActive({ actorId: principal.user.id, userId: id, active: input.active, info }) : undefined
  if (input.max_tier !== undefined) user = await setUserMaxTier({ actorId: principal.user.id, userId: id, maxTier: input.max_tier, info })
  return json(publicProfile(user!))
})
