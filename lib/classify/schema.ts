// The shape of a classification (API answers) and of an LLM's structured answer.
import { z } from 'zod'
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
