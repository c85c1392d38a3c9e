// Who is asking: client IP, user agent and a readable device label, for rate limits and the log.
import Bowser from 'bowser'
import { trustedProxyCount } from './security-headers'

export interface RequestInfo {
  ip: string
  userAgent: string
  device: string
}

/**
 * The client IP. Next.js puts the socket address in `x-forwarded-for` (proxy.ts drops one a
 * client sent, unless proxies are trusted); behind a proxy the proxy appends its own. mnemo takes
 * the last hop it does not trust: with `MNEMO_TRUSTED_PROXIES=N` it skips N proxies from the right.
 */
export function clientIp(headers: Headers): string {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
  const skip = trustedProxyCount()
  const ip = chain[chain.length - 1 - skip] ?? chain[0] ?? headers.get('x-real-ip') ?? 'unknown'
  return ip.replace(/^::ffff:/, '').slice(0, 64)
}

export function deviceLabel(userAgent: string): string {
  if (!userAgent) return 'Unknown device'
  const parsed = Bowser.parse(userAgent)
  const browser = parsed.browser.name ?? 'Unknown browser'
  const os = parsed.os.name ?? parsed.platform.type ?? 'unknown system'
  if (!parsed.browser.name && /curl|httpie|python|node|go-http|okhttp/i.test(userAgent)) {
    return userAgent.split(/[\s/]/)[0]
  }
  return `${browser} on ${os}`
}

export function requestInfo(headers: Headers): RequestInfo {
  const userAgent = (headers.get('user-agent') ?? '').slice(0, 512)
  return { ip: clientIp(headers), userAgent, device: deviceLabel(userAgent) }
}
