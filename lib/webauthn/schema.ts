// Request schemas of passkeys (registration, rename) and of unlocking protected tiers.
import { z } from 'zod'
import { text } from '@/lib/http/input'
import { tierInput } from '@/lib/memories/schema'

/** A WebAuthn response as @simplewebauthn/browser sends it; the library checks the inside. */
const credentialJson = z.looseObject({
  id: text().min(1).max(1024),
  rawId: text().max(1024),
  type: z.literal('public-key'),
  response: z.looseObject({ clientDataJSON: text().max(8192) }),
})

export const registerSchema = z.strictObject({ name: text().trim().max(60).default('Passkey'), response: credentialJson })
export const renameSchema = z.strictObject({ name: text().trim().min(1).max(60) })
export const unlockOptionsSchema = z.strictObject({ tier: tierInput })
export const unlockSchema = z.strictObject({ tier: tierInput, response: credentialJson })
export const passwordUnlockSchema = z.strictObject({ password: z.string().min(1).max(256) })

/** A credential id is base64url; anything else names no passkey. */
export const passkeyParamsSchema = z.strictObject({ id: z.string().min(1).max(1024).regex(/^[A-Za-z0-9_-]+$/) })
