// Answers, before any route runs, what no route under /api would answer as JSON: an unknown path
// (404), a method the path does not have (405 with Allow), a path whose percent-escapes are not
// UTF-8 (400). Next.js itself answers these with an HTML page, an empty 405 or a 500.
// Called from proxy.ts for every /api request; null lets the request through.
import { matchPath, methodsOf } from '@/lib/api/paths'
import { AppError } from '@/lib/errors'

export function apiGuard(request: Request): Response | null {
  // The raw path: nextUrl.pathname is already normalised by Next.js.
  const pathname = new URL(request.url).pathname
  try {
    decodeURIComponent(pathname)
  } catch {
    return new AppError('bad_request:path', { message: 'The path is not valid: a percent-escape is not UTF-8.' }).toResponse()
  }
  const template = matchPath(pathname)
  if (!template) return new AppError('not_found:route', { message: 'There is no API route at this path.' }).toResponse()
  const methods = methodsOf(template)
  const allowed = methods.includes('GET') ? [...methods, 'HEAD', 'OPTIONS'] : [...methods, 'OPTIONS']
  if (!allowed.includes(request.method)) {
    const response = new AppError('method_not_allowed:route', { message: `Use ${methods.join(', ')} on this path.` }).toResponse()
    response.headers.set('allow', allowed.join(', '))
    return response
  }
  return null
}
