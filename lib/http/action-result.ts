// What a server action returns to its form instead of throwing at the client. Client-safe:
// forms import the type and the idle state from here.
import type { FieldErrors } from '@/lib/errors'

/** What the user typed (never passwords), so a refused form keeps their input. */
export type EchoedValues = Record<string, string>

export type ActionResult<T = undefined> =
  | { status: 'idle' }
  | { status: 'ok'; message?: string; data?: T; values?: EchoedValues }
  | { status: 'invalid'; message: string; fieldErrors: FieldErrors; values?: EchoedValues }
  | { status: 'error'; code: string; message: string; values?: EchoedValues; /** When a lockout ends (ISO time). */ retryAt?: string }

export const IDLE: ActionResult = { status: 'idle' }

export function echoedValues(state: ActionResult<unknown>): EchoedValues {
  return state.status === 'idle' ? {} : (state.values ?? {})
}
