// The shape of a classification (API answers) and of an LLM's structured answer.
import { z } from 'zod'
import { text } from '@/lib/http/input'
import { contentInput, MAX_CONTENT } from '@/lib/memories/schema'
import { TIERS } from '@/lib/tiers'

export const tierSchema = z.enum(TIERS)

/** What an LLM must answer; anything else is rejected and the local model answers instead. */
export const llmClassificationSchema = z.object({
  tier: tierSchema,
  confidence: z.number().min(0).max(1),
  reasoning: z.string().max(600),
  tags: z.array(z.string().max(40)).max(8).default([]),
})
export type LlmClassification = z.infer<typeof llmClassificationSchema>

export const THRESHOLDS = {
  chronological: 0.7,
  general: 0.6,
  confidential: 0.8,
  secret: 0.9,
  ultrasecret: 0.95,
} as const

/** POST /api/v1/classify: one item; POST /api/v1/classify/batch: items checked one by one. */
export const classifySchema = z.strictObject({
  content: contentInput.refine((s) => s.length <= MAX_CONTENT, `At most ${MAX_CONTENT} characters.`),
  context: text().max(500).optional(),
})

/** Items are validated one by one, so a bad item is reported in its place. */
export const batchSchema = z.strictObject({
  items: z.array(z.unknown()).min(1, 'Send at least one item.').max(100, 'At most 100 items per batch.'),
})

export const batchItemSchema = classifySchema
