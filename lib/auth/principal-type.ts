// Who is calling, as the domain modules see it. A module of its own, with types only, so that
// what needs the type (lib/webauthn, lib/memories, …) does not import lib/auth/principal.ts,
// which imports auth.ts, which imports lib/auth/passkey-sign-in.ts → lib/webauthn: a cycle.
import type { Session, User } from '@/db/schema'
import type { Scope } from './scopes'

export interface Principal {
  user: User
  kind: 'session' | 'token'
  sessionId?: string
  /** The sign-in session (its password freshness and unlock windows); none for a token. */
  session?: Session
  tokenId?: string
  scopes: readonly Scope[]
  /** The highest tier level this caller may ever read (a token: at most 2). */
  maxTierLevel: number
}
