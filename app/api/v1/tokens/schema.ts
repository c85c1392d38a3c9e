import { z } from 'zod'
import { scopeSchema, SCOPES, tokenTierSchema } from '@/lib/auth/scopes'

export const createTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the token.').max(100),
  scopes: z.array(scopeSchema).min(1, 'Pick at least one scope.').max(SCOPES.length),
  max_tier: tokenTierSchema.default('general'),
  expires_in_days: z.number().int().min(1).max(365).nullable().optional(),
})
