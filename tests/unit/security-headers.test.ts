import { NextRequest } from 'next/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { contentSecurityPolicy, newNonce, servedOverHttps, trustedProxyCount } from '@/lib/http/security-headers'
import { clientIp } from '@/lib/http/request-info'
import { proxy } from '@/proxy'

afterEach(() => vi.unstubAllEnvs())

/** The request headers proxy.ts hands on to the page or route (Next.js applies these overrides). */
function forwardedRequestHeaders(response: Response): Map<string, string> {
  const names = (response.headers.get('x-middleware-override-headers') ?? '').split(',').filter(Boolean)
  return new Map(names.map((name) => [name, response.headers.get(`x-middleware-request-${name}`) ?? '']))
}

const spoofed = () =>
  new NextRequest('http://localhost:3000/settings', {
    method: 'POST',
    headers: { host: 'localhost:3000', origin: 'http://evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.0.0.1', 'next-action': 'abc' },
  })

describe('the Content-Security-Policy', () => {
  it('allows scripts only with the nonce, forbids framing, plugins and other origins', () => {
    const policy = contentSecurityPolicy('bm9uY2U=')
    expect(policy).toContain("script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'")
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("object-src 'none'")
    expect(policy).toContain("default-src 'self'")
    expect(policy.split('; ').find((d) => d.startsWith('script-src'))).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
    expect(policy).not.toContain('upgrade-insecure-requests')
    expect(contentSecurityPolicy('x', { https: true })).toContain('upgrade-insecure-requests')
  })

  it('uses a fresh 128-bit nonce for every response', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce))
    expect(nonces.size).toBe(50)
    for (const n of nonces) expect(atob(n)).toHaveLength(16)
  })
})

describe('forwarded headers', () => {
  it('are dropped when no proxy is trusted, so a spoofed X-Forwarded-Host cannot match a forged Origin', () => {
    const response = proxy(spoofed())
    const headers = forwardedRequestHeaders(response)
    expect(headers.has('x-forwarded-host')).toBe(false)
    expect(headers.has('x-forwarded-proto')).toBe(false)
    expect(headers.has('x-forwarded-for')).toBe(false)
    expect(headers.get('origin')).toBe('http://evil.example')
    expect(headers.get('content-security-policy')).toBe(response.headers.get('content-security-policy'))
    expect(headers.get('content-security-policy')).toContain(`'nonce-${headers.get('x-nonce')}'`)
    expect(response.headers.get('strict-transport-security')).toBeNull()
  })

  it('are believed behind MNEMO_TRUSTED_PROXIES, with HSTS when the proxy says https', () => {
    vi.stubEnv('MNEMO_TRUSTED_PROXIES', '1')
    const response = proxy(spoofed())
    expect(forwardedRequestHeaders(response).get('x-forwarded-host')).toBe('evil.example')
    expect(response.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/)
  })

  it('count proxies only as a whole positive number', () => {
    expect(trustedProxyCount({})).toBe(0)
    expect(trustedProxyCount({ MNEMO_TRUSTED_PROXIES: '2' })).toBe(2)
    for (const bad of ['-1', '1.5', 'yes', '']) expect(trustedProxyCount({ MNEMO_TRUSTED_PROXIES: bad })).toBe(0)
  })

  it('say https only through a trusted proxy, or by the public address', () => {
    const https = new Headers({ 'x-forwarded-proto': 'https' })
    expect(servedOverHttps(https, {})).toBe(false)
    expect(servedOverHttps(https, { MNEMO_TRUSTED_PROXIES: '1' })).toBe(true)
    expect(servedOverHttps(new Headers(), { MNEMO_PUBLIC_URL: 'https://mnemo.example' })).toBe(true)
  })

  it('give the client IP past the trusted proxies only', () => {
    vi.stubEnv('MNEMO_TRUSTED_PROXIES', '1')
    expect(clientIp(new Headers({ 'x-forwarded-for': '203.0.113.9, 198.51.100.1' }))).toBe('203.0.113.9')
  })
})
