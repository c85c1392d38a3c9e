// The paths and methods of app/api without their schemas: small enough for proxy.ts, which
// answers unknown paths (404) and unsupported methods (405 with Allow) as JSON from it.
// tests/unit/api-catalogue.test.ts keeps it equal to lib/api/catalogue.ts and the route files.

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

export const API_PATHS: Readonly<Record<string, readonly HttpMethod[]>> = {
  '/api/health': ['GET'],
  '/api/metrics': ['GET'],
  '/api/openapi.json': ['GET'],
  '/api/auth/{nextauth}': ['GET', 'POST'],
  '/api/v1/auth/register': ['POST'],
  '/api/v1/auth/token': ['POST'],
  '/api/v1/auth/password-reset': ['POST'],
  '/api/v1/auth/password-reset/confirm': ['POST'],
  '/api/v1/auth/passkey': ['POST'],
  '/api/v1/memories': ['GET', 'POST'],
  '/api/v1/memories/{id}': ['GET', 'PATCH', 'DELETE'],
  '/api/v1/memories/{id}/restore': ['POST'],
  '/api/v1/events': ['GET'],
  '/api/v1/search': ['POST'],
  '/api/v1/classify': ['POST'],
  '/api/v1/classify/batch': ['POST'],
  '/api/v1/account': ['GET', 'PATCH', 'DELETE'],
  '/api/v1/account/history': ['GET'],
  '/api/v1/account/access-log': ['GET'],
  '/api/v1/account/password': ['POST'],
  '/api/v1/account/email/confirm': ['POST'],
  '/api/v1/sessions': ['GET', 'DELETE'],
  '/api/v1/sessions/{id}': ['DELETE'],
  '/api/v1/tokens': ['GET', 'POST'],
  '/api/v1/tokens/{id}': ['DELETE'],
  '/api/v1/passkeys': ['GET', 'POST'],
  '/api/v1/passkeys/options': ['POST'],
  '/api/v1/passkeys/{id}': ['PATCH', 'DELETE'],
  '/api/v1/notifications': ['GET'],
  '/api/v1/notifications/read': ['POST'],
  '/api/v1/lock': ['POST'],
  '/api/v1/unlock': ['POST'],
  '/api/v1/unlock/options': ['POST'],
  '/api/v1/unlock/password': ['POST'],
  '/api/v1/admin/users': ['GET'],
  '/api/v1/admin/users/{id}': ['PATCH', 'DELETE'],
  '/api/v1/admin/users/{id}/sign-out': ['POST'],
  '/api/v1/admin/analytics': ['GET'],
  '/api/v1/admin/system': ['GET'],
  '/api/v1/admin/audit': ['GET'],
  '/api/v1/admin/audit/verify': ['POST'],
  '/api/v1/admin/jobs/{id}': ['DELETE'],
  '/api/v1/admin/jobs/{id}/retry': ['POST'],
}

/** The methods a path template answers, for `Allow` and 405s. */
export function methodsOf(path: string): HttpMethod[] {
  return [...(API_PATHS[path] ?? [])]
}

/** The path template a concrete (still percent-encoded) URL path matches, if any. */
export function matchPath(pathname: string): string | undefined {
  const trimmed = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname
  if (trimmed in API_PATHS) return trimmed
  // Auth.js owns everything under /api/auth/ and answers its own unknown actions.
  if (trimmed.startsWith('/api/auth/')) return '/api/auth/{nextauth}'
  const segments = trimmed.split('/')
  return Object.keys(API_PATHS).find((template) => {
    const parts = template.split('/')
    return parts.length === segments.length && parts.every((part, i) => (part.startsWith('{') ? segments[i].length > 0 : part === segments[i]))
  })
}
