// Request schema of POST /api/v1/notifications/read.
import { z } from 'zod'

export const markReadSchema = z.strictObject({ ids: z.array(z.uuid()).max(200).optional() })
