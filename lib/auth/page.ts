// For protected pages and server actions: the signed-in user, or a redirect to sign-in.
import { redirect } from 'next/navigation'
import { AppError } from '@/lib/errors'
import { sessionPrincipal, type Principal } from './principal'

export { sessionPrincipal }

export async function requirePageUser(path: string): Promise<Principal> {
  const principal = await sessionPrincipal()
  if (!principal) redirect(`/sign-in?next=${encodeURIComponent(path)}`)
  return principal
}

/** Server actions are public endpoints: each checks the session itself. */
export async function requireActionUser(): Promise<Principal> {
  const principal = await sessionPrincipal()
  if (!principal) throw new AppError('unauthorized:session')
  return principal
}
