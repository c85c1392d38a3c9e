// Request schemas of sign-in by API (token exchange), password resets and API tokens.
import { z } from 'zod'
import { passwordInput } from '@/lib/accounts/schema'
import { text, uuidParam } from '@/lib/http/input'
import { scopeSchema, SCOPES, tokenTierSchema } from './scopes'

const identifier = text().trim().max(254)

export const tokenRequestSchema = z
  .strictObject({
    phone: identifier.optional(),
    email: identifier.optional(),
    password: passwordInput,
    name: text().trim().min(1).max(100).optional(),
    scopes: z.array(scopeSchema).min(1).max(SCOPES.length).optional(),
    max_tier: tokenTierSchema.optional(),
    expires_in_days: z.number().int().min(1).max(365).optional(),
  })
  .refine((v) => Boolean(v.phone || v.email), { message: 'Send your phone or email.', path: ['phone'] })

export const resetRequestSchema = z
  .strictObject({
    phone: identifier.optional(),
    email: identifier.optional(),
  })
  .refine((v) => Boolean(v.phone || v.email), { message: 'Send your phone or email.', path: ['email'] })

export const resetConfirmSchema = z.strictObject({
  token: text().min(1).max(200),
  password: passwordInput,
})

export const createTokenSchema = z.strictObject({
  name: text().trim().min(1, 'Name the token.').max(100),
  scopes: z.array(scopeSchema).min(1, 'Pick at least one scope.').max(SCOPES.length),
  max_tier: tokenTierSchema.default('general'),
  expires_in_days: z.number().int().min(1).max(365).nullable().optional(),
})

export const tokenParamsSchema = z.strictObject({ id: uuidParam })
export const sessionParamsSchema = z.strictObject({ id: uuidParam })
