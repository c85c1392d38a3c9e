// Request schema of POST /api/v1/search.
import { z } from 'zod'
import { dateOrDateTimeInput, text } from '@/lib/http/input'
import { SOURCES, tagInput, tierInput } from '@/lib/memories/schema'

export const searchSchema = z.strictObject({
  query: text()
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'Type something to search for.').max(500, 'At most 500 characters.')),
  tiers: z.array(tierInput).min(1).max(5).optional(),
  from: dateOrDateTimeInput().optional(),
  to: dateOrDateTimeInput().optional(),
  tags: z.array(tagInput).max(10).optional(),
  source: z.enum(SOURCES).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(10_000).default(0),
})
