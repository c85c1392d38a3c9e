// Request schemas of /api/v1/memories (also used by the app's server actions).
import { z } from 'zod'
import { dateOrDateTimeInput, dateTimeInput, text, uuidParam } from '@/lib/http/input'
import { TIERS } from '@/lib/tiers'

export const MAX_CONTENT = 10_000
export const SOURCES = ['app', 'api', 'telegram', 'whatsapp', 'import'] as const

export const tierInput = z.enum(TIERS, { error: `Use one of: ${TIERS.join(', ')}.` })

/** Trimmed content; length is checked by the caller so that "too long" can answer 413. */
export const contentInput = text({ error: 'Send the content as text.' })
  .transform((s) => s.trim())
  // Zero-width spaces and joiners alone are not something written.
  .refine((s) => /[^\s\u200B-\u200D\u2060\uFEFF]/u.test(s), 'Write something first: the content is empty.')

export const tagInput = text().trim().min(1).max(40)

export const captureSchema = z.strictObject({
  content: contentInput,
  source: z.enum(SOURCES).optional(),
  client_id: z.uuid('client_id must be a UUID.').optional(),
  occurred_at: dateTimeInput().optional(),
  tier: tierInput.optional(),
})
export type CaptureInput = z.infer<typeof captureSchema>

export const updateSchema = z
  .strictObject({
    content: contentInput.optional(),
    tier: tierInput.optional(),
    tags: z.array(tagInput).max(10).optional(),
  })
  .refine((v) => v.content !== undefined || v.tier !== undefined || v.tags !== undefined, { message: 'Send content, tier or tags.', path: ['_'] })
export type UpdateInput = z.infer<typeof updateSchema>

export const listQuerySchema = z.strictObject({
  tier: text()
    .optional()
    .transform((v) => (v ? v.split(',').map((t) => t.trim()).filter(Boolean) : undefined))
    .pipe(z.array(tierInput).optional()),
  tag: tagInput.optional(),
  from: dateOrDateTimeInput().optional(),
  to: dateOrDateTimeInput().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: text().max(200).optional(),
})

export const memoryParamsSchema = z.strictObject({ id: uuidParam })
