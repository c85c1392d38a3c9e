// For admin pages and server actions: the signed-in admin, or a 404 (a page) / 403 (an action).
// A non-admin is never told that the admin pages exist.
import { notFound } from 'next/navigation'
import { sessionPrincipal, type Principal } from '@/lib/auth/principal'
import { AppError } from '@/lib/errors'

function isAdmin(principal: Principal | null): principal is Principal {
  return !!principal && principal.user.role === 'admin' && principal.user.active
}

export async function requireAdminPage(): Promise<Principal> {
  const principal = await sessionPrincipal()
  if (!isAdmin(principal)) notFound()
  return principal
}

export async function requireAdminAction(): Promise<Principal> {
  const principal = await sessionPrincipal()
  if (!principal) throw new AppError('unauthorized:session')
  if (!isAdmin(principal)) throw new AppError('forbidden:admin', { message: 'Only an administrator can do that.' })
  return principal
}
