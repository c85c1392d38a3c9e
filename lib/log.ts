// The one way mnemo logs a failure: where it happened, the error's class and codes, and an id to
// correlate with the answer the client got. Never an error's message, its query, parameters or
// stack: a failed statement carries the user's words, content and embeddings in them.
import { randomUUID } from 'node:crypto'

export interface ErrorSummary {
  /** The error's class (`DrizzleQueryError`, `PostgresError`, `TypeError`). */
  kind: string
  /** A SQLSTATE (`40P01`) or a Node.js code (`ECONNREFUSED`), from the error or its causes. */
  code?: string
  /** The class of the innermost cause, when it differs. */
  cause?: string
}

const SAFE_CODE = /^[A-Z0-9_]{2,40}$/i

/** What may be logged of an error: classes and codes, nothing a user wrote. */
export function summarizeError(error: unknown): ErrorSummary {
  if (!(error instanceof Error)) return { kind: error === null ? 'null' : typeof error }
  const summary: ErrorSummary = { kind: error.constructor?.name || error.name || 'Error' }
  let inner: unknown = error
  for (let depth = 0; inner instanceof Error && depth < 5; depth++) {
    const code = (inner as { code?: unknown }).code
    if (!summary.code && typeof code === 'string' && SAFE_CODE.test(code)) summary.code = code
    const kind = inner.constructor?.name || inner.name
    if (inner !== error && kind !== summary.kind) summary.cause = kind
    inner = inner.cause
  }
  return summary
}

function line(level: string, where: string, error: unknown, id: string): string {
  const s = summarizeError(error)
  return `[mnemo] ${level} id=${id} where=${JSON.stringify(where)} kind=${s.kind}${s.code ? ` code=${s.code}` : ''}${s.cause ? ` cause=${s.cause}` : ''}`
}

/** Logs an unexpected error; answers the id the client is given to quote. */
export function logError(where: string, error: unknown, id: string = randomUUID()): string {
  console.error(line('error', where, error, id))
  return id
}

/** Logs a failure that was handled (a fallback took over). */
export function logWarning(where: string, error: unknown): void {
  console.warn(line('warning', where, error, randomUUID()))
}

let scrubbing = false

/**
 * Next.js and libraries log errors they catch (a page's failed render, a server action) with
 * console.error(error), which prints the message, own properties and cause: a failed statement's
 * query and parameters. From start-up on, an Error handed to console.error or console.warn is
 * printed as its summary only.
 */
export function scrubConsoleErrors(): void {
  if (scrubbing) return
  scrubbing = true
  for (const level of ['error', 'warn'] as const) {
    const original = console[level].bind(console)
    console[level] = (...args: unknown[]) => {
      original(...args.map((arg) => (arg instanceof Error ? `${JSON.stringify(summarizeError(arg))}${(arg as { digest?: unknown }).digest ? ` digest=${String((arg as { digest?: unknown }).digest)}` : ''}` : arg)))
    }
  }
}
