// `next dev` refuses its dev resources (the hot-reload socket, server actions' chunks) to an
// origin it does not list: every address it can be opened through must be listed, or a page
// opened on a phone through the LAN address renders but never posts what is typed in it.
import os from 'node:os'
import { describe, expect, it } from 'vitest'
import nextConfig from '@/next.config'

describe('the dev server’s allowed origins', () => {
  it('list localhost, the loopback addresses, the host name and every address of this machine', () => {
    const allowed = nextConfig.allowedDevOrigins ?? []
    for (const name of ['localhost', '127.0.0.1', '[::1]', os.hostname()]) expect(allowed).toContain(name)
    const addresses = Object.values(os.networkInterfaces()).flat().filter((entry) => entry !== undefined)
    expect(addresses.length).toBeGreaterThan(0)
    for (const entry of addresses) expect(allowed).toContain(entry.family === 'IPv6' ? `[${entry.address}]` : entry.address)
  })
})
