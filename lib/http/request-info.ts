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

// Only names Bowser knows: for a user agent it does not, Bowser takes the name from the string
// itself ("Visit-evil.example/1.0"), and the label reaches the owner's alerts and their mail.
const BROWSERS = new Set<string>(Object.values((Bowser as unknown as { BROWSER_MAP: Record<string, string> }).BROWSER_MAP))
const SYSTEMS = new Set<string>(Object.values((Bowser as unknown as { OS_MAP: Record<string, string> }).OS_MAP))
const TOOL = /\b(curl|httpie|python|node|go-http|okhttp)\b/i

export function deviceLabel(userAgent: string): string {
  if (!userAgent) return 'Unknown device'
  const parsed = Bowser.parse(userAgent)
  const browser = parsed.browser.name && BROWSERS.has(parsed.browser.name) ? parsed.browser.name : undefined
  const os = parsed.os.name && SYSTEMS.has(parsed.os.name) ? parsed.os.name : 'unknown system'
  const tool = TOOL.exec(userAgent)?.[1].toLowerCase()
  if (!browser && tool) return tool
  return `${browser ?? 'Unknown browser'} on ${os}`
}

export function requestInfo(headers: Headers): RequestInfo {
  const userAgent = (headers.get('user-agent') ?? '').slice(0, 512)
  return { ip: clientIp(headers), userAgent, device: deviceLabel(userAgent) }
}
