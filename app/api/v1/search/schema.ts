import { z } from 'zod'
import { SOURCES, tierInput } from '../memories/schema'

export const searchSchema = z.strictObject({
  query: z
    .string()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'Type something to search for.').max(500, 'At most 500 characters.')),
  tiers: z.array(tierInput).min(1).max(5).optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(10).optional(),
  source: z.enum(SOURCES).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(10_000).default(0),
})
