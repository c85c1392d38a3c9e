// TRACE and TRACK cannot become a fetch Request (undici refuses them), and Next.js turns every
// incoming request into one before proxy.ts or a route runs: the request died there as a 500.
// Installed at start-up (instrumentation.ts), this answers them at the HTTP server, before
// Next.js: 405 with Allow, as JSON under /api (DESIGN.md 5).
import http from 'node:http'
import { matchPath, methodsOf } from '@/lib/api/paths'
import { AppError } from '@/lib/errors'

const REFUSED = new Set(['TRACE', 'TRACK'])

function answer(request: http.IncomingMessage, response: http.ServerResponse): void {
  const pathname = (request.url ?? '/').split('?')[0]
  const template = pathname.startsWith('/api/') ? matchPath(pathname) : undefined
  const methods = template ? methodsOf(template) : []
  const allow = template ? [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ') : 'GET, HEAD, POST, OPTIONS'
  const error = pathname.startsWith('/api/') && !template ? new AppError('not_found:route', { message: 'There is no API route at this path.' }) : new AppError('method_not_allowed:route', { message: `${request.method} is not allowed.` })
  response.writeHead(error.status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...(error.status === 405 ? { allow } : {}) })
  response.end(JSON.stringify(error.toJSON()))
  request.resume()
}

let installed = false

export function refuseForbiddenMethods(): void {
  if (installed) return
  installed = true
  const emit = http.Server.prototype.emit
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === 'request') {
      const [request, response] = args as [http.IncomingMessage, http.ServerResponse]
      if (REFUSED.has(request.method ?? '')) {
        answer(request, response)
        return true
      }
    }
    return emit.apply(this, [event, ...args] as unknown as Parameters<typeof emit>)
  } as typeof emit
}
