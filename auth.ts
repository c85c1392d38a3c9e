// Auth.js (next-auth v5): phone-or-email + password sign-in. The JWT cookie carries a session
// id and secret; every request checks that session row (revocation, idle and absolute expiry,
// deactivation), so ending a session takes effect at once.
import { logError } from '@/lib/log'
import NextAuth, { CredentialsSignin, type Session, type User } from 'next-auth'
import Credentials from 'next-auth/providers/credentials'
import { verifyLogin } from '@/lib/auth/credentials'
import { passkeyUser } from '@/lib/auth/passkey-sign-in'
import { checkSession, endSession, maxAgeMs, startSession } from '@/lib/auth/sessions'
import { lockedCode } from '@/lib/auth/sign-in-codes'
import { AppError } from '@/lib/errors'
import { requestInfo } from '@/lib/http/request-info'
import { loadOrCreateSecret } from '@/lib/secrets'

/** What our JWT carries besides Auth.js's own claims: the session row's id and secret. */
interface SessionClaims {
  sid?: string
  sst?: string
  uid?: string
}

interface SignedInUser extends User {
  sessionId: string
  sessionSecret: string
}

/** The session `auth()` returns: Auth.js's, plus the id of our session row. */
export type MnemoSession = Session & { sessionId: string }

class SignInFailure extends CredentialsSignin {
  /** `invalid`, `deactivated`, or `locked-<unix seconds>` (lib/auth/sign-in-codes). */
  constructor(code: string) {
    super()
    this.code = code
  }
}

/** Runs a sign-in check and opens a session row; failures become the codes the page shows. */
async function signInAs(
  check: () => Promise<{ id: string; name: string | null; email: string | null; passwordHash?: string | null; passkeyId?: string }>,
  info: ReturnType<typeof requestInfo>,
  byPassword = false,
): Promise<SignedInUser> {
  try {
    const user = await check()
    // The session is made only while the credential just checked is still the account's.
    const session = await startSession({ userId: user.id, info, checkedPasswordHash: byPassword ? user.passwordHash : undefined, checkedPasskeyId: user.passkeyId })
    return { id: user.id, name: user.name, email: user.email, sessionId: session.id, sessionSecret: session.secret }
  } catch (error) {
    if (error instanceof AppError && error.kind === 'rate_limited') throw new SignInFailure(lockedCode(error.retryAfter))
    if (error instanceof AppError && error.code === 'forbidden:account') throw new SignInFailure('deactivated')
    if (error instanceof AppError) throw new SignInFailure('invalid')
    throw error
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: loadOrCreateSecret('AUTH_SECRET', 'auth.secret'),
  trustHost: true,
  // Secure (and __Secure-) when the public address is https; otherwise Auth.js decides from the
  // request's protocol, which proxy.ts lets a client say only through trusted proxies.
  useSecureCookies: process.env.MNEMO_PUBLIC_URL?.startsWith('https://') ? true : undefined,
  session: { strategy: 'jwt', maxAge: Math.floor(maxAgeMs() / 1000) },
  pages: { signIn: '/sign-in' },
  // Auth.js would print the whole error, and a failed statement's message carries its parameters.
  logger: { error: (error: Error) => void logError('auth.js', error) },
  providers: [
    Credentials({
      credentials: { identifier: {}, password: {} },
      async authorize(credentials, request) {
        const identifier = typeof credentials.identifier === 'string' ? credentials.identifier : ''
        const password = typeof credentials.password === 'string' ? credentials.password : ''
        if (!identifier || !password || identifier.length > 254 || password.length > 256) throw new SignInFailure('invalid')
        const info = requestInfo(request.headers)
        return signInAs(() => verifyLogin({ identifier, password }, info), info, true)
      },
    }),
    Credentials({
      id: 'passkey',
      name: 'Passkey',
      credentials: { response: {} },
      async authorize(credentials, request) {
        const info = requestInfo(request.headers)
        return signInAs(() => passkeyUser(typeof credentials.response === 'string' ? credentials.response : '', info), info)
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const signedIn = user as SignedInUser
        return { ...token, sid: signedIn.sessionId, sst: signedIn.sessionSecret, uid: signedIn.id }
      }
      const claims = token as SessionClaims
      const check = await checkSession({ id: claims.sid, secret: claims.sst })
      return check.ok ? token : null
    },
    async session({ session, token }) {
      const claims = token as SessionClaims
      const withId: MnemoSession = { ...session, sessionId: claims.sid ?? '', user: { ...session.user, id: claims.uid ?? '' } }
      return withId
    },
  },
  events: {
    async signOut(message) {
      if ('token' in message && message.token) {
        const claims = message.token as SessionClaims
        await endSession({ id: claims.sid, secret: claims.sst })
      }
    },
  },
}))
