// Input schemas for accounts: registration, sign-in, profile and password changes.
import { z } from 'zod'
import { MAX_PASSWORD_LENGTH } from '@/lib/auth/password'
import { text, uuidParam } from '@/lib/http/input'
import { isValidTimeZone, preferencesSchema } from './preferences'

export const phoneInput = text().trim().min(1, 'Enter a phone number.').max(32, 'Too long for a phone number.')
export const emailInput = text().trim().max(254, 'At most 254 characters.').pipe(z.email('Enter a valid email address.'))
export const passwordInput = z.string().min(1, 'Enter a password.').max(MAX_PASSWORD_LENGTH, `At most ${MAX_PASSWORD_LENGTH} characters.`)
export const timezoneInput = text().trim().max(64).refine(isValidTimeZone, 'Not a known time zone (e.g. Europe/Paris).')
export const nameInput = text().trim().max(255, 'At most 255 characters.')

export const registerSchema = z.strictObject({
  phone: phoneInput,
  password: passwordInput,
  name: nameInput.optional(),
  email: emailInput.optional(),
  timezone: timezoneInput.optional(),
})
export type RegisterInput = z.infer<typeof registerSchema>

export const loginSchema = z
  .strictObject({
    phone: text().trim().max(254).optional(),
    email: text().trim().max(254).optional(),
    identifier: text().trim().max(254).optional(),
    password: passwordInput,
  })
  .refine((v) => Boolean(v.phone || v.email || v.identifier), { message: 'Enter your phone number or email.', path: ['phone'] })

export const profileUpdateSchema = z.strictObject({
  name: nameInput.nullable().optional(),
  /** A new address is mailed a confirmation link and takes effect once it is followed. */
  email: emailInput.nullable().optional(),
  phone: phoneInput.optional(),
  /** Needed to change the email or phone (unless a passkey step-up is fresh). */
  current_password: passwordInput.optional(),
  timezone: timezoneInput.optional(),
  preferences: preferencesSchema.partial().extend({ notifications: preferencesSchema.shape.notifications.partial().optional() }).optional(),
})
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>

export const passwordChangeSchema = z.strictObject({
  current_password: passwordInput,
  new_password: passwordInput,
})

export const deleteAccountSchema = z.strictObject({ password: z.string().min(1, 'Confirm with your password.').max(256) })

export const adminUserUpdateSchema = z
  .strictObject({
    active: z.boolean().optional(),
    max_tier: z.number().int().min(1).max(4).optional(),
    role: z.enum(['admin', 'user']).optional(),
  })
  .refine((v) => v.active !== undefined || v.max_tier !== undefined || v.role !== undefined, { message: 'Send active, max_tier or role.', path: ['_'] })

export const userParamsSchema = z.strictObject({ id: uuidParam })

/** Following an emailed confirmation link. */
export const emailConfirmSchema = z.strictObject({ token: z.string().min(1, 'The link is incomplete.').max(200) })
