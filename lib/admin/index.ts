// The operator's side: users, analytics, system and audit for administrators. Every entry
// point checks that the caller is an active admin (assertAdmin) before reading across users.
import { assertAdmin } from '@/lib/accounts/admin'
import { authenticate, type Principal } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'

export { listUsers } from './users'
export { loadAnalytics, periodOf, SERIES, type AnalyticsSeries } from './analytics'
export { systemStatus } from './system'
export { listAudit, verifyAudit } from './audit'
export { handleFailedJob, queueStatus } from './queue'

/** The caller of an admin API: an admin's signed-in session (a token never is), else 403 forbidden:admin. */
export async function authenticateAdmin(request: Request): Promise<Principal> {
  const principal = await authenticate(request)
  if (principal.kind !== 'session') throw new AppError('forbidden:admin', { message: 'Admin actions need a signed-in session.' })
  await assertAdmin(principal.user.id)
  return principal
}
