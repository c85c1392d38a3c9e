import { z } from 'zod'
import { contentInput, MAX_CONTENT } from '../memories/schema'

const item = z.strictObject({
  content: contentInput.refine((s) => s.length <= MAX_CONTENT, `At most ${MAX_CONTENT} characters.`),
  context: z.string().max(500).optional(),
})

export const classifySchema = item

/** Items are validated one by one, so a bad item is reported in its place. */
export const batchSchema = z.strictObject({
  items: z.array(z.unknown()).min(1, 'Send at least one item.').max(100, 'At most 100 items per batch.'),
})

export const batchItemSchema = item
