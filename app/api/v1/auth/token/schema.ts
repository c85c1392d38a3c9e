import { z } from 'zod'
import { passwordInput } from '@/lib/accounts/schema'
import { scopeSchema, SCOPES, tokenTierSchema } from '@/lib/auth/scopes'

export const tokenRequestSchema = z
  .strictObject({
    phone: z.string().trim().max(254).optional(),
    email: z.string().trim().max(254).optional(),
    password: passwordInput,
    name: z.string().trim().min(1).max(100).optional(),
    scopes: z.array(scopeSchema).min(1).max(SCOPES.length).optional(),
    max_tier: tokenTierSchema.optional(),
    expires_in_days: z.number().int().min(1).max(365).optional(),
  })
  .refine((v) => Boolean(v.phone || v.email), { message: 'Send your phone or email.', path: ['phone'] })
