// Helpers every route handler uses: the error boundary and JSON body parsing with zod.
import { z } from 'zod'
import { AppError, errorResponse, type FieldErrors } from '@/lib/errors'
import { observeRequest } from '@/lib/metrics'
import { routeTemplate } from './route-template'

/**
 * A JSON body's default limit: a memory of 10,000 characters fits even with every character a
 * \\u-escaped surrogate pair (12 bytes), as some JSON encoders write emoji.
 */
export const MAX_JSON_BYTES = 128 * 1024

/** Wraps a route handler so anything it throws becomes the standard JSON error; timed for metrics. */
export function route<Ctx>(handler: (request: Request, ctx: Ctx) => Promise<Response>) {
  return async (request: Request, ctx: Ctx): Promise<Response> => {
    const started = performance.now()
    let response: Response
    try {
      response = await handler(request, ctx)
    } catch (error) {
      response = errorResponse(error, `${request.method} ${new URL(request.url).pathname}`)
    }
    const template = await routeTemplate(request, ctx)
    observeRequest({ method: request.method, route: template, status: response.status, seconds: (performance.now() - started) / 1000 })
    return response
  }
}

/** Zod issues as `{ field: [messages] }`; unknown keys are reported under their own names. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  // A Map, not `{}`: a client's key may be named `toString` or `__proto__`.
  const fields = new Map<string, string[]>()
  const add = (key: string, message: string) => fields.set(key, [...(fields.get(key) ?? []), message])
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add(key, 'Unknown field.')
      continue
    }
    add(issue.path.map(String).join('.') || '_', issue.message)
  }
  return Object.fromEntries(fields)
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, surface: string): z.output<S> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) {
    throw new AppError(`bad_request:${surface}`, {
      message: 'Some fields are not valid.',
      fieldErrors: fieldErrorsOf(parsed.error),
    })
  }
  return parsed.data
}

/**
 * Path parameters, validated against their schema; anything malformed names nothing (404). The
 * ids of mnemo (UUIDs, base64url credential ids) never need percent-escapes, so a segment is never
 * decoded here (decoding `%25` twice was a URIError).
 */
export async function readParams<S extends z.ZodType>(params: Promise<Record<string, string | string[]>>, schema: S, surface: string): Promise<z.output<S>> {
  const parsed = schema.safeParse(await params)
  if (!parsed.success) throw new AppError(`not_found:${surface}`)
  return parsed.data
}

/**
 * The query string, validated. Each parameter is single-valued: one given twice (`?tier=a&tier=b`)
 * is refused rather than silently read as its last value.
 */
export function readQuery<S extends z.ZodType>(request: Request, schema: S, surface: string): z.output<S> {
  const params = new URL(request.url).searchParams
  const repeated = [...new Set([...params.keys()].filter((key) => params.getAll(key).length > 1))]
  if (repeated.length > 0) {
    throw new AppError(`bad_request:${surface}`, {
      message: 'Some fields are not valid.',
      fieldErrors: Object.fromEntries(repeated.map((key) => [key, ['Give this parameter once.']])),
    })
  }
  return parseWith(schema, Object.fromEntries(params), surface)
}

/** JSON is UTF-8 (RFC 8259): other bytes are refused, never stored as replacement characters. */
const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The body as text (null when it is not UTF-8), or 413 once it passes `limit` bytes: a chunked
 * body is never read whole first.
 */
async function readLimited(request: Request, limit: number): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > limit) throw new AppError('payload_too_large:request')
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel().catch(() => {})
      throw new AppError('payload_too_large:request')
    }
    chunks.push(value)
  }
  try {
    return UTF8.decode(Buffer.concat(chunks))
  } catch {
    return null
  }
}


/** Reads a JSON body (checked content type and size) and validates it. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, surface: string, { maxBytes = MAX_JSON_BYTES }: { maxBytes?: number } = {}): Promise<z.output<S>> {
  const type = request.headers.get('content-type') ?? ''
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError(`bad_request:${surface}`, {
      message: 'Send the body as JSON (Content-Type: application/json).',
      fieldErrors: { _: ['Expected Content-Type: application/json.'] },
    })
  }
  const charset = /;\s*charset="?([^";\s]+)/i.exec(type)?.[1]
  const text = charset && !/^utf-?8$/i.test(charset) ? null : await readLimited(request, maxBytes)
  if (text === null) {
    throw new AppError(`bad_request:${surface}`, { message: 'Send the body as UTF-8 JSON.', fieldErrors: { _: ['The body is not UTF-8.'] } })
  }
  if (!text.trim()) {
    throw new AppError(`bad_request:${surface}`, { message: 'The request body is empty.', fieldErrors: { _: ['Missing JSON body.'] } })
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new AppError(`bad_request:${surface}`, { message: 'The body is not valid JSON.', fieldErrors: { _: ['Malformed JSON.'] } })
  }
  return parseWith(schema, body, surface)
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers)
  headers.set('cache-control', 'no-store')
  return Response.json(body, { ...init, headers })
}
