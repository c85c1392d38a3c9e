// Signing in with a passkey (the Auth.js "passkey" provider): the verified credential names the
// user; a deactivated account is refused like a password sign-in.
import type { AuthenticationResponseJSON } from '@simplewebauthn/server'
import { getDb } from '@/db'
import { getUserById, updateUserById } from '@/db/queries/users'
import type { User } from '@/db/schema'
import { recordAccess } from '@/lib/audit'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { verifyPasskeySignIn } from '@/lib/webauthn'

export async function passkeyUser(responseJson: string, info: RequestInfo): Promise<User & { passkeyId: string }> {
  let response: AuthenticationResponseJSON
  try {
    response = JSON.parse(responseJson) as AuthenticationResponseJSON
  } catch {
    throw new AppError('bad_request:passkey', { message: 'The passkey answer is malformed.' })
  }
  if (!response || typeof response.id !== 'string' || !response.response) throw new AppError('bad_request:passkey', { message: 'The passkey answer is malformed.' })
  const userId = await verifyPasskeySignIn(response, info)
  const db = await getDb()
  const user = await getUserById(db, { id: userId })
  if (!user) throw new AppError('unauthorized:passkey')
  if (!user.active) {
    await recordAccess({ userId, action: 'login', success: false, ...info, details: { method: 'passkey', reason: 'deactivated' } })
    throw new AppError('forbidden:account', { message: 'This account is deactivated.' })
  }
  await updateUserById(db, { id: userId, values: { lastLoginAt: new Date() } })
  await recordAccess({ userId, action: 'login', success: true, ...info, details: { method: 'passkey' } })
  return { ...user, passkeyId: response.id }
}
