import { z } from 'zod'
import { passwordInput } from '@/lib/accounts/schema'

export const resetRequestSchema = z
  .strictObject({
    phone: z.string().trim().max(254).optional(),
    email: z.string().trim().max(254).optional(),
  })
  .refine((v) => Boolean(v.phone || v.email), { message: 'Send your phone or email.', path: ['email'] })

export const resetConfirmSchema = z.strictObject({
  token: z.string().min(1).max(200),
  password: passwordInput,
})
