// Query of GET /api/v1/events.
import { z } from 'zod'
import { dateTimeInput } from '@/lib/http/input'

export const eventsQuerySchema = z.strictObject({
  /** When the caller's view was read: changes committed since then are announced as a resync. */
  since: dateTimeInput().optional(),
})
