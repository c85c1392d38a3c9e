// The route catalogue (lib/api/catalogue.ts) lists exactly the handlers of app/api: a new route
// file or method must be added to it, a removed one taken out.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { API_ROUTES, HTTP_METHODS, matchPath, methodsOf } from '@/lib/api/catalogue'

const API_DIR = path.resolve(import.meta.dirname, '../../app/api')
/** Answers what no route answers (404/405 as JSON); not an endpoint of the API. */
const FALLBACK = '/api/{path}'

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return routeFiles(full)
    return entry.name === 'route.ts' ? [full] : []
  })
}

/** `app/api/v1/memories/[id]/route.ts` → `/api/v1/memories/{id}`. */
function templateOf(file: string): string {
  const relative = path.relative(path.dirname(API_DIR), path.dirname(file)).split(path.sep).join('/')
  return `/${relative}`.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, '{$1}')
}

function exportedMethods(source: string): string[] {
  const found = new Set<string>()
  for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+([A-Z]+)\b/g)) found.add(m[1])
  for (const m of source.matchAll(/export\s+const\s*\{([^}]*)\}/g)) for (const name of m[1].split(',')) found.add(name.trim().split(/\s*:\s*/).pop()!)
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) for (const name of m[1].split(',')) found.add(name.trim().split(/\s+as\s+/).pop()!)
  return [...found].filter((name) => (HTTP_METHODS as readonly string[]).includes(name))
}

const inFiles = routeFiles(API_DIR)
  .flatMap((file) => exportedMethods(fs.readFileSync(file, 'utf8')).map((method) => `${method} ${templateOf(file)}`))
  .filter((entry) => !entry.endsWith(` ${FALLBACK}`))
  .sort()

describe('route catalogue', () => {
  it('lists every handler of app/api, and nothing else', () => {
    const listed = API_ROUTES.map((r) => `${r.method} ${r.path}`).sort()
    expect(inFiles.length).toBeGreaterThan(30)
    expect(listed).toEqual(inFiles)
  })

  it('names each method and path once', () => {
    const keys = API_ROUTES.map((r) => `${r.method} ${r.path}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('declares a params schema for each path parameter of its template', () => {
    for (const r of API_ROUTES.filter((r) => r.auth.kind !== 'authjs')) {
      const names = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort()
      expect(Object.keys(r.params?.shape ?? {}).sort(), `${r.method} ${r.path}`).toEqual(names)
    }
  })

  it('finds the template and methods of a concrete path', () => {
    expect(matchPath('/api/v1/memories/0b7d3c1e-0000-4000-8000-000000000001')).toBe('/api/v1/memories/{id}')
    expect(matchPath('/api/v1/memories/')).toBe('/api/v1/memories')
    expect(matchPath('/api/auth/callback/credentials')).toBe('/api/auth/{nextauth}')
    expect(matchPath('/api/v1/nothing')).toBeUndefined()
    expect(methodsOf('/api/v1/memories/{id}').sort()).toEqual(['DELETE', 'GET', 'PATCH'])
  })
})
