// The OpenAPI 3.1 document of every route under /api, generated from the route catalogue and
// the same zod schemas that validate requests (io: input) and describe answers (io: output).
// Nothing here is written by hand beside the code: a route enters the document by entering
// the catalogue, which a test keeps equal to the route files.
import { z } from 'zod'
import { version } from '@/lib/version'
import { API_ROUTES, type ApiRoute } from './catalogue'
import { classificationSchema, errorSchema, lockedMemorySchema, memorySchema, profileSchema, tokenSchema } from './responses'
import { EXAMPLES } from './examples'

type JsonSchema = Record<string, unknown>

const SHARED: Record<string, z.ZodType> = {
  Error: errorSchema,
  Memory: memorySchema,
  LockedMemory: lockedMemorySchema,
  Classification: classificationSchema,
  Profile: profileSchema,
  ApiToken: tokenSchema,
}

/** `POST /api/v1/memories/{id}` → `postApiV1MemoriesId`. */
export function operationId(route: Pick<ApiRoute, 'method' | 'path'>): string {
  const words = route.path.split(/[^A-Za-z0-9]+/).filter(Boolean)
  return [route.method.toLowerCase(), ...words.map((w) => w[0].toUpperCase() + w.slice(1))].join('')
}

function toSchemas(entries: [string, z.ZodType][], io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>()
  for (const [id, schema] of entries) if (!registry.has(schema)) registry.add(schema, { id })
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, io, unrepresentable: 'any' }) as { schemas: Record<string, JsonSchema> }
  for (const schema of Object.values(schemas)) {
    delete schema.$schema
    delete schema.$id
  }
  return schemas
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` })

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Bad input; `error.fields` names each invalid field.',
  '401': 'Not signed in, or the token is invalid, revoked or expired.',
  '403': 'Forbidden: a locked tier (`forbidden:tier`), a missing scope (`forbidden:scope`), not an admin (`forbidden:admin`).',
  '404': 'Nothing there (or not yours).',
  '409': 'A conflict with what exists.',
  '413': 'The body is too large.',
  '429': 'Too many attempts; see `Retry-After`.',
}

function errorsFor(route: ApiRoute): string[] {
  const codes = new Set<string>()
  if (route.body || route.query || route.params) codes.add('400')
  if (route.body) codes.add('413')
  if (route.auth.kind !== 'public' && route.auth.kind !== 'authjs') codes.add('401')
  if (route.auth.kind === 'token' || route.auth.kind === 'admin' || route.path.startsWith('/api/v1/memories') || route.path.startsWith('/api/v1/search')) codes.add('403')
  if (route.params || route.auth.kind === 'metrics') codes.add('404')
  if (route.path.startsWith('/api/v1/auth/') || route.path.startsWith('/api/v1/unlock')) codes.add('429')
  if (route.path.startsWith('/api/v1/admin/users/') || route.path === '/api/v1/auth/register') codes.add('409')
  return [...codes].sort()
}

function security(route: ApiRoute) {
  switch (route.auth.kind) {
    case 'public':
    case 'authjs':
      return []
    case 'metrics':
      return [{ metricsToken: [] }]
    case 'token':
      return [{ bearerToken: [] }, { sessionCookie: [] }]
    default:
      return [{ sessionCookie: [] }]
  }
}

function parametersOf(schemas: Record<string, JsonSchema>, id: string | undefined, where: 'path' | 'query') {
  if (!id) return []
  const schema = schemas[id] as { properties?: Record<string, JsonSchema>; required?: string[] }
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (schema.required ?? []).includes(name),
    schema: property,
  }))
}

export function buildOpenApiDocument() {
  const requestEntries: [string, z.ZodType][] = []
  const responseEntries: [string, z.ZodType][] = Object.entries(SHARED)
  const ids = new Map<ApiRoute, { params?: string; query?: string; body?: string; response?: string }>()
  for (const route of API_ROUTES) {
    const op = operationId(route)
    const mine: { params?: string; query?: string; body?: string; response?: string } = {}
    if (route.params) requestEntries.push([(mine.params = `${op}Params`), route.params])
    if (route.query) requestEntries.push([(mine.query = `${op}Query`), route.query])
    if (route.body) requestEntries.push([(mine.body = `${op}Body`), route.body])
    if (route.response) responseEntries.push([(mine.response = `${op}Response`), route.response])
    ids.set(route, mine)
  }
  const requestSchemas = toSchemas(requestEntries, 'input')
  const responseSchemas = toSchemas(responseEntries, 'output')
  // A schema given twice under two ids is emitted once, under its first id.
  const schemaId = (id: string | undefined, pool: Record<string, JsonSchema>, entries: [string, z.ZodType][]) => {
    if (!id || pool[id]) return id
    const schema = entries.find(([key]) => key === id)?.[1]
    return entries.find(([key, s]) => s === schema && pool[key])?.[0]
  }

  const paths: Record<string, Record<string, unknown>> = {}
  for (const route of API_ROUTES) {
    const mine = ids.get(route)!
    const op = operationId(route)
    const body = schemaId(mine.body, requestSchemas, requestEntries)
    const response = schemaId(mine.response, responseSchemas, responseEntries)
    const example = EXAMPLES[`${route.method} ${route.path}`]
    const success =
      route.status === 204
        ? { description: 'Done; no body.' }
        : {
            description: route.summary,
            content: {
              [route.produces ?? 'application/json']: {
                schema: response ? ref(response) : {},
                ...(example?.response !== undefined ? { example: example.response } : {}),
              },
            },
          }
    const responses: Record<string, unknown> = { [String(route.status)]: success }
    if (route.path === '/api/v1/memories' && route.method === 'POST') responses['200'] = { description: 'The same memory, for a replayed `client_id`.', content: { 'application/json': { schema: ref(response!) } } }
    for (const code of errorsFor(route)) responses[code] = { $ref: `#/components/responses/E${code}` }
    responses.default = { $ref: '#/components/responses/Error' }
    ;(paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: op,
      summary: route.summary,
      tags: [route.tag],
      security: security(route),
      parameters: [
        ...(mine.params ? [] : [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))),
        ...parametersOf(requestSchemas, schemaId(mine.params, requestSchemas, requestEntries), 'path'),
        ...parametersOf(requestSchemas, schemaId(mine.query, requestSchemas, requestEntries), 'query'),
      ],
      ...(body
        ? { requestBody: { required: true, content: { 'application/json': { schema: ref(body), ...(example?.request !== undefined ? { example: example.request } : {}) } } } }
        : {}),
      responses,
    }
  }

  const schemas = { ...requestSchemas, ...responseSchemas }
  // Path and query schemas are listed as parameters, not components.
  for (const route of API_ROUTES) {
    const mine = ids.get(route)!
    if (mine.params) delete schemas[mine.params]
    if (mine.query) delete schemas[mine.query]
  }
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } })
  return {
    openapi: '3.1.0',
    info: {
      title: 'mnemo API',
      version,
      summary: 'A personal memory vault: capture, classify into security tiers, search.',
      description:
        'Every error has the shape `{ "error": { "code": "<kind>:<surface>", "message": "…" } }`. Authenticate with a personal API token (`Authorization: Bearer …`, scoped, reading at most the confidential tier) or the session cookie of a signed-in browser.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-mnemo' },
    },
    servers: [{ url: '/', description: 'This server' }],
    tags: [...new Set(API_ROUTES.map((r) => r.tag))].map((name) => ({ name, description: `${name[0].toUpperCase()}${name.slice(1)} routes.` })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A personal API token (Settings → API tokens).' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'authjs.session-token', description: 'The session cookie of a signed-in browser (`__Secure-authjs.session-token` over HTTPS).' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'The METRICS_TOKEN of the server.' },
      },
      responses: {
        ...Object.fromEntries(Object.entries(ERROR_STATUSES).map(([code, text]) => [`E${code}`, errorResponse(text)])),
        Error: errorResponse('Any other error (500 `internal:server`, 503 `unavailable:…`), never with a stack trace.'),
      },
    },
  }
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined

/** The document, built once per process. */
export function openApiDocument() {
  return (cached ??= buildOpenApiDocument())
}
