// The OpenAPI document: generated from the route catalogue, valid OpenAPI 3.1 by Redocly's
// linter, every route in it, every example valid against its own schema.
import { createConfig, lintFromString } from '@redocly/openapi-core'
import { describe, expect, it } from 'vitest'
import { API_ROUTES } from '@/lib/api/catalogue'
import { EXAMPLES } from '@/lib/api/examples'
import { buildOpenApiDocument } from '@/lib/api/openapi'
import { GET } from '@/app/api/openapi.json/route'
import { problemsOf } from '../fixtures/contract'

const doc = buildOpenApiDocument() as unknown as {
  openapi: string
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> }; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 with every route of the catalogue, and nothing else', () => {
    expect(doc.openapi).toBe('3.1.0')
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort()
    expect(documented).toEqual(API_ROUTES.map((r) => `${r.method} ${r.path}`).sort())
  })

  it('passes the Redocly linter (recommended rules) without errors', async () => {
    const config = await createConfig({ extends: ['recommended'], rules: { 'operation-4xx-response': 'off' } })
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: '/openapi.json', config })
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)
    expect(errors).toEqual([])
    const warnings = problems.filter((p) => p.severity === 'warn').map((p) => `${p.ruleId} at ${p.location[0]?.pointer}`)
    expect(warnings).toEqual([])
  })

  it('documents the error shape, both ways to authenticate and a success for each route', () => {
    for (const route of API_ROUTES) {
      const op = doc.paths[route.path][route.method.toLowerCase()]
      expect(op.responses[String(route.status)], `${route.method} ${route.path}`).toBeDefined()
      if (route.status !== 204 && route.auth.kind !== 'authjs') expect(op.responses[String(route.status)].content, `${route.method} ${route.path}`).toBeDefined()
    }
    const capture = doc.paths['/api/v1/memories'].post as unknown as { security: unknown[] }
    expect(capture.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }])
    expect(problemsOf('#/components/schemas/Error', { error: { code: 'forbidden:tier', message: 'Unlock first.' } })).toEqual([])
    expect(problemsOf('#/components/schemas/Error', { message: 'no code' })).not.toEqual([])
  })

  it('has examples that its own schemas accept', () => {
    expect(Object.keys(EXAMPLES).length).toBeGreaterThan(5)
    for (const [key, example] of Object.entries(EXAMPLES)) {
      const [method, path] = key.split(' ')
      const op = doc.paths[path][method.toLowerCase()]
      if (example.request !== undefined) expect(problemsOf(op.requestBody!.content['application/json'].schema.$ref, example.request), key).toEqual([])
      if (example.response !== undefined) {
        const success = Object.entries(op.responses).find(([code]) => code.startsWith('2'))![1]
        expect(problemsOf(success.content!['application/json'].schema.$ref!, example.response), key).toEqual([])
      }
    }
  })

  it('is served at GET /api/openapi.json', async () => {
    const res = await GET(new Request('http://localhost/api/openapi.json'), { params: Promise.resolve({}) })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0')
  })
})
