// Runs before every page and API request (Next.js 16's proxy, formerly middleware): drops
// forwarded headers a client could forge unless mnemo sits behind configured proxies (server
// actions compare Origin with X-Forwarded-Host; rate limits read X-Forwarded-For), and gives each
// response a Content-Security-Policy with a fresh nonce — Next.js reads it from the request and
// puts it on its own scripts; the root layout gives it to ours — plus HSTS over https.
import { NextResponse, type NextRequest } from 'next/server'
import { contentSecurityPolicy, FORWARDED_HEADERS, HSTS, newNonce, servedOverHttps, trustedProxyCount } from '@/lib/http/security-headers'

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers)
  if (trustedProxyCount() === 0) for (const name of FORWARDED_HEADERS) headers.delete(name)
  const https = servedOverHttps(headers)
  const nonce = newNonce()
  const policy = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', https })
  headers.set('x-nonce', nonce)
  headers.set('content-security-policy', policy)
  const response = NextResponse.next({ request: { headers } })
  response.headers.set('content-security-policy', policy)
  if (https) response.headers.set('strict-transport-security', HSTS)
  return response
}

export const config = {
  // Built assets, icons and the service worker are files that carry no page.
  matcher: ['/((?!_next/static|_next/image|icons/|screenshots/|sw\\.js|favicon\\.ico).*)'],
}
