// A user's preferences: their shape, defaults, and how a change is described for the history.
import { z } from 'zod'
import { TIERS } from '@/lib/tiers'

export const preferencesSchema = z.strictObject({
  notifications: z.strictObject({
    in_app: z.boolean(),
    email: z.boolean(),
    push: z.boolean(),
  }),
  /** Local time of day the digest is built, HH:MM in the user's time zone. */
  digest_time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, 24-hour.'),
  /** Where a capture goes when the classifier cannot tell between ordinary tiers. */
  default_tier: z.enum(TIERS),
})
export type Preferences = z.infer<typeof preferencesSchema>

export const DEFAULT_PREFERENCES: Preferences = {
  notifications: { in_app: true, email: false, push: false },
  digest_time: '21:00',
  default_tier: 'general',
}

/** Stored preferences over the defaults (older rows may miss newer keys). */
export function effectivePreferences(stored: Record<string, unknown> | null | undefined): Preferences {
  const merged = {
    ...DEFAULT_PREFERENCES,
    ...(stored ?? {}),
    notifications: { ...DEFAULT_PREFERENCES.notifications, ...((stored?.notifications as object) ?? {}) },
  }
  const parsed = preferencesSchema.safeParse(merged)
  return parsed.success ? parsed.data : DEFAULT_PREFERENCES
}

/** Flattened `key → value` pairs, so the history records each leaf that changed. */
export function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, inner] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) Object.assign(out, flatten(inner as Record<string, unknown>, path))
    else out[path] = inner
  }
  return out
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}
