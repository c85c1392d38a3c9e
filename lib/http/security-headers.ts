// The headers every response carries against injection, framing and leaks (docs/security.md),
// and which forwarded headers mnemo believes. Used by proxy.ts (per request: the CSP nonce, the
// forwarded headers, HSTS) and next.config.ts (the fixed ones). No Node modules: proxy-safe.

/** The X-Forwarded-* headers a client could forge; believed only behind configured proxies. */
export const FORWARDED_HEADERS = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-forwarded-for', 'x-real-ip', 'forwarded'] as const

/**
 * How many reverse proxies stand in front of mnemo (`MNEMO_TRUSTED_PROXIES`, default 0). With 0,
 * every forwarded header a request brings is dropped and Next.js sets them from the connection
 * itself; with N ≥ 1, mnemo must be reachable only through those proxies, which set them.
 */
export function trustedProxyCount(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.MNEMO_TRUSTED_PROXIES ?? 0)
  return Number.isInteger(value) && value > 0 ? value : 0
}

/** Whether the browser reached mnemo over https: the public address says so, or a trusted proxy does. */
export function servedOverHttps(headers: Headers, env: Record<string, string | undefined> = process.env): boolean {
  if (env.MNEMO_PUBLIC_URL?.startsWith('https://')) return true
  if (trustedProxyCount(env) === 0) return false
  return headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https'
}

/** A fresh nonce per response: 128 random bits, base64. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))))
}

/**
 * The Content-Security-Policy of a page: scripts only with this response's nonce (and what they
 * load, 'strict-dynamic'), nothing from other origins, no framing by anyone, no plugins.
 * Styles may be inline (React style attributes); `next dev` also needs eval for its reloads.
 */
export function contentSecurityPolicy(nonce: string, { dev = false, https = false } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ')
}

/** Two years, subdomains included: sent only over https (browsers ignore it over http anyway). */
export const HSTS = 'max-age=63072000; includeSubDomains'

/** Headers that are the same on every response (set in next.config.ts). */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Links out of mnemo do not tell the other site which memory or search they came from.
  { key: 'Referrer-Policy', value: 'same-origin' },
  // The older header, for browsers that predate frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  {
    key: 'Permissions-Policy',
    value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), display-capture=(), browsing-topics=(), publickey-credentials-get=(self), publickey-credentials-create=(self)',
  },
]
