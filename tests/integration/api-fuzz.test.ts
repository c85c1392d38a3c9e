// Property-based fuzzing of every route in lib/api/catalogue.ts, in process: requests made from
// each route's own zod schemas, fitting and broken (prototype keys, NUL bytes, year 0000, absurd
// numbers, wrong types, lone surrogates, huge strings, malformed path segments), signed in with
// a session and with an API token. No answer may be a 5xx; every 4xx is the JSON error shape of
// DESIGN.md 5; no body carries a stack or an internal message. MNEMO_FUZZ_RUNS sets the number
// of requests per route (default 80: about 3,000 a run).
import fc from 'fast-check'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { User } from '@/db/schema'
import { API_ROUTES, type ApiRoute } from '@/lib/api/catalogue'
import { captureMemory } from '@/lib/memories'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { broken, fitting, jsonSchemaOf, rawBodies } from '../fixtures/fuzz'
import { sessionFor, tokenFor } from '../fixtures/principal'

const signedIn = vi.hoisted(() => ({ session: null as null | { user: { id: string }; sessionId: string; expires: string } }))

vi.mock('@/auth', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/auth')>()),
  auth: async () => signedIn.session,
}))

setupTestDatabase()

const RUNS = Number(process.env.MNEMO_FUZZ_RUNS ?? 80)
const modules = import.meta.glob<Record<string, (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>>('/app/api/**/route.ts')

let user: User
let token: string
const memoryIds: string[] = []

beforeAll(async () => {
  user = await createUser()
  const session = await sessionFor(user)
  signedIn.session = { user: { id: user.id }, sessionId: session.sessionId!, expires: new Date(Date.now() + 3_600_000).toISOString() }
  token = await tokenFor(user, 'general')
  for (const content of ['Dinner with mom at the harbour', 'Coffee with Ana before work']) {
    memoryIds.push((await captureMemory(session, { content, tier: 'general' })).memory.id)
  }
})

function moduleKey(route: ApiRoute): string {
  return `/app${route.path.replace(/\{([^}]+)\}/g, '[$1]')}/route.ts`
}

const INTERNAL = /\n\s*at \S+|\.[cm]?[jt]s:\d+:\d+|TypeError|ReferenceError|RangeError|URIError|SyntaxError|DrizzleQueryError|Failed query|PostgresError|invalid byte sequence|\bselect\b.+\bfrom\b|node_modules/i

interface Case {
  params: Record<string, string>
  query: Record<string, string>
  body?: { json: unknown } | { raw: string }
  auth: 'session' | 'token' | 'none'
}

function caseFor(route: ApiRoute): fc.Arbitrary<Case> {
  const paramNames = Object.keys(route.params?.shape ?? {})
  const segment = fc.oneof(
    fc.constantFrom(...memoryIds),
    fc.uuid(),
    fc.constantFrom('%00', '%25', '%ff%fe', '\u0000', '..', 'undefined', '__proto__', 'a'.repeat(2000)),
    fc.string({ maxLength: 40 }),
  )
  const params = fc.record(Object.fromEntries(paramNames.map((name) => [name, segment])))
  const querySchema = route.query ? jsonSchemaOf(route.query) : undefined
  const query = querySchema
    ? fc.oneof(fitting(querySchema), broken(querySchema)).map((value) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v) ?? '']))
          : { q: String(value) },
      )
    : fc.constant({})
  const bodySchema = route.body ? jsonSchemaOf(route.body) : undefined
  const body = bodySchema
    ? fc.oneof(
        { weight: 3, arbitrary: fitting(bodySchema).map((json) => ({ json })) },
        { weight: 4, arbitrary: broken(bodySchema).map((json) => ({ json })) },
        { weight: 1, arbitrary: rawBodies.map((raw) => ({ raw })) },
      )
    : fc.option(rawBodies.map((raw) => ({ raw })), { nil: undefined })
  const auth = route.auth.kind === 'token' ? fc.constantFrom('session' as const, 'token' as const) : route.auth.kind === 'public' ? fc.constant('none' as const) : fc.constant('session' as const)
  return fc.record({ params, query, body, auth }, { requiredKeys: ['params', 'query', 'auth'] })
}

async function send(route: ApiRoute, c: Case) {
  const handlers = await modules[moduleKey(route)]()
  const url = new URL(`http://localhost${route.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(c.params[name] ?? 'x'))}`)
  for (const [k, v] of Object.entries(c.query)) url.searchParams.set(k, v)
  const headers = new Headers({ 'user-agent': 'fuzz', 'x-forwarded-for': '198.51.100.77' })
  if (c.auth === 'token') headers.set('authorization', `Bearer ${token}`)
  if (c.auth === 'session') headers.set('cookie', 'authjs.session-token=fuzz')
  let body: string | undefined
  if (c.body && route.method !== 'GET') {
    body = 'raw' in c.body ? c.body.raw : JSON.stringify(c.body.json)
    headers.set('content-type', 'application/json')
  }
  const abort = new AbortController()
  const request = new Request(url, { method: route.method, headers, body, signal: abort.signal })
  const response = await handlers[route.method](request, { params: Promise.resolve(c.params) })
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    abort.abort()
    await response.body?.cancel()
    return { status: response.status, text: '' }
  }
  return { status: response.status, text: await response.text() }
}

describe('every API route under fuzzed input', () => {
  const routes = API_ROUTES.filter((r) => r.auth.kind !== 'authjs')

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s: no 5xx, JSON errors, no internals', { timeout: 300_000 }, async (_, route) => {
    const statuses: Record<number, number> = {}
    await fc.assert(
      fc.asyncProperty(caseFor(route), async (c) => {
        const { status, text } = await send(route, c)
        statuses[status] = (statuses[status] ?? 0) + 1
        expect(status, text.slice(0, 300)).toBeLessThan(500)
        if (status >= 400) {
          expect(text).not.toMatch(INTERNAL)
          const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }
          expect(body.error?.code).toMatch(/^[a-z_]+:[a-z_]+$/)
          expect(typeof body.error?.message).toBe('string')
        }
      }),
      { numRuns: RUNS, seed: Number(process.env.MNEMO_FUZZ_SEED ?? Date.now() % 2 ** 31), endOnFailure: true },
    )
    // Each route was reached (some answers were not a refusal of the sign-in).
    expect(Object.keys(statuses).length).toBeGreaterThan(0)
  })
})
