// Who may scrape /api/metrics: a caller with `Authorization: Bearer $METRICS_TOKEN`. Without
// the variable the endpoint does not exist (404); a wrong token gets 401. Compared in
// constant time (over SHA-256 digests, so lengths do not leak either).
import { createHash, timingSafeEqual } from 'node:crypto'
import { AppError } from '@/lib/errors'

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

export function assertMetricsAccess(authorization: string | null): void {
  const expected = process.env.METRICS_TOKEN?.trim()
  if (!expected) throw new AppError('not_found:route')
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  const given = match?.[1] ?? ''
  if (!timingSafeEqual(digest(given), digest(expected)) || !given) {
    throw new AppError('unauthorized:metrics', { message: 'Send "Authorization: Bearer <METRICS_TOKEN>".' })
  }
}
