import { z } from 'zod'
import { tierInput } from '../memories/schema'

/** A WebAuthn response as @simplewebauthn/browser sends it; the library checks the inside. */
const credentialJson = z.looseObject({ id: z.string().min(1).max(1024), rawId: z.string().max(1024), type: z.literal('public-key'), response: z.looseObject({ clientDataJSON: z.string().max(8192) }) })

export const registerSchema = z.strictObject({ name: z.string().trim().max(60).default('Passkey'), response: credentialJson })
export const renameSchema = z.strictObject({ name: z.string().trim().min(1).max(60) })
export const unlockOptionsSchema = z.strictObject({ tier: tierInput })
export const unlockSchema = z.strictObject({ tier: tierInput, response: credentialJson })
export const passwordUnlockSchema = z.strictObject({ password: z.string().min(1).max(256) })
