// Query of GET /api/v1/events.
import { z } from 'zod'

export const eventsQuerySchema = z.strictObject({
  /** When the caller's view was read: changes committed since then are announced as a resync. */
  since: z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date-time, e.g. 2026-03-01T09:30:00Z.' }).optional(),
})
