// The codes a failed sign-in carries back to the sign-in page (Auth.js puts them in the
// redirect's `?code=`, the server action in its result), and what the page says for each.
// A lockout's code carries when it ends, `locked-<unix seconds>`, so the page can say until when
// without looking anything up: it tells an anonymous caller nothing the refusal did not.
// Client-safe: no server imports.

export type SignInErrorKind = 'invalid' | 'locked' | 'deactivated'

export interface SignInError {
  kind: SignInErrorKind
  /** When the lockout ends (ms since the epoch), for `locked`. */
  lockedUntil?: number
}

const MAX_LOCK_MS = 24 * 3_600_000

export function lockedCode(retryAfterSeconds: number | undefined, now = Date.now()): string {
  if (!retryAfterSeconds || !Number.isFinite(retryAfterSeconds)) return 'locked'
  return `locked-${Math.ceil(now / 1000 + retryAfterSeconds)}`
}

/** Reads a code from a URL or an error; an until-time in the past or absurdly far is dropped. */
export function parseSignInCode(code: string | undefined | null, now = Date.now()): SignInError | null {
  if (!code) return null
  const locked = /^locked(?:-(\d{1,12}))?$/.exec(code)
  if (locked) {
    const until = locked[1] ? Number(locked[1]) * 1000 : undefined
    return until && until > now && until - now <= MAX_LOCK_MS ? { kind: 'locked', lockedUntil: until } : { kind: 'locked' }
  }
  if (code === 'deactivated') return { kind: 'deactivated' }
  return { kind: 'invalid' }
}

export const SIGN_IN_MESSAGES: Record<SignInErrorKind, string> = {
  invalid: 'Wrong phone number, email or password.',
  locked: 'This account is locked for a while after too many failed sign-ins. Try again later or reset your password.',
  deactivated: 'This account is deactivated. Ask your administrator.',
}

/** "This account is locked until 14:05 (after too many failed sign-ins)." in the reader's time zone. */
export function lockedUntilMessage(until: number, timeZone?: string): string {
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(until))
  return `This account is locked until ${time} (after too many failed sign-ins).`
}
