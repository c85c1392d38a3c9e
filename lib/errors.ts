// The one error type of mnemo. A code is `kind:surface` (`forbidden:tier`, `not_found:memory`);
// the kind decides the HTTP status. Unknown errors become `internal:server` with no details.

import { logError } from './log'

export type ErrorKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'

export type ErrorCode = `${ErrorKind}:${string}`

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
}

const DEFAULT_MESSAGE: Record<ErrorKind, string> = {
  bad_request: 'The request is not valid.',
  unauthorized: 'You need to sign in first.',
  forbidden: 'You are not allowed to do that.',
  not_found: 'Nothing was found there.',
  method_not_allowed: 'That method is not allowed here.',
  conflict: 'That conflicts with something that already exists.',
  payload_too_large: 'The request is too large.',
  unsupported_media_type: 'That content type is not accepted here.',
  rate_limited: 'Too many attempts. Try again later.',
  unavailable: 'The service is unavailable right now.',
  internal: 'Something went wrong on our side.',
}

export type FieldErrors = Record<string, string[]>

export interface AppErrorOptions {
  message?: string
  fieldErrors?: FieldErrors
  /** Seconds, sent as `Retry-After` (rate limits, lockouts). */
  retryAfter?: number
  /** Extra fields for the client (e.g. which unlock a tier needs). */
  details?: Record<string, unknown>
  cause?: unknown
}

export class AppError extends Error {
  override name = 'AppError'
  readonly code: ErrorCode
  readonly kind: ErrorKind
  readonly status: number
  readonly fieldErrors?: FieldErrors
  readonly retryAfter?: number
  readonly details?: Record<string, unknown>

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const kind = code.split(':')[0] as ErrorKind
    super(options.message ?? DEFAULT_MESSAGE[kind] ?? DEFAULT_MESSAGE.internal, { cause: options.cause })
    this.code = code
    this.kind = kind in STATUS ? kind : 'internal'
    this.status = STATUS[this.kind]
    this.fieldErrors = options.fieldErrors
    this.retryAfter = options.retryAfter
    this.details = options.details
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.fieldErrors ? { fields: this.fieldErrors } : {}),
        ...(this.details ?? {}),
      },
    }
  }

  toResponse(): Response {
    const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store' })
    if (this.retryAfter !== undefined) headers.set('retry-after', String(Math.max(1, Math.ceil(this.retryAfter))))
    return new Response(JSON.stringify(this.toJSON()), { status: this.status, headers })
  }
}

/**
 * Turns anything thrown into an AppError. An unknown error is logged here (its class, SQLSTATE and
 * an id, never its message) and answered with that id, so an operator can find the log line.
 */
export function toAppError(error: unknown, context?: string): AppError {
  if (error instanceof AppError) return error
  const id = logError(context ?? 'unknown', error)
  return new AppError('internal:server', { message: `Something went wrong on our side (error ${id}).`, details: { error_id: id } })
}

/** The response for anything a route handler throws. */
export function errorResponse(error: unknown, context?: string): Response {
  return toAppError(error, context).toResponse()
}
