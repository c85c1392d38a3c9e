import { describe, expect, it } from 'vitest'
import { deviceLabel } from '@/lib/http/request-info'

// The device label reaches the access log, the owner's alerts and their mail: it names only
// browsers and systems the parser knows, never text taken from the user agent.
describe('the device label of a request', () => {
  it('names known browsers and systems', () => {
    expect(deviceLabel('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36')).toBe('Chrome on Linux')
    expect(deviceLabel('Mozilla/5.0 (Windows NT 10.0; rv:120.0) Gecko/20100101 Firefox/120.0')).toBe('Firefox on Windows')
    expect(deviceLabel('curl/8.5.0')).toBe('curl')
    expect(deviceLabel('')).toBe('Unknown device')
  })

  it('does not repeat words of a user agent it does not know', () => {
    for (const ua of ['Visit-evil.example-to-keep-your-account/1.0 (X11; Linux)', 'Your account is locked call 555 0100 now', 'curl-please-click-evil.example/1.0']) {
      const label = deviceLabel(ua)
      expect(label).not.toMatch(/evil|account|call|555/i)
    }
    expect(deviceLabel('Visit-evil.example-to-keep-your-account/1.0 (X11; Linux)')).toBe('Unknown browser on Linux')
  })
})
