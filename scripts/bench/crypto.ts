// npm run bench:crypto — what protection costs: seal + open of one memory body per algorithm,
// and capturing into tier 3 (secret) against tier 1 (general) in-process on PGlite.
import { randomBytes } from 'node:crypto'
import { closeDatabase, installDatabase, openDatabase } from '@/db'
import { registerUser } from '@/lib/accounts/register'
import type { Principal } from '@/lib/auth/principal'
import { SCOPES } from '@/lib/auth/scopes'
import { open, seal, type Algorithm } from '@/lib/crypto/cipher'
import { captureMemory } from '@/lib/memories'
import { percentile } from './data'

const N = Number(process.env.BENCH_N ?? 2000)
const body = Buffer.from(
  JSON.stringify({ content: 'the storage unit code is 5512, the spare key is with Lena, the alarm resets at 7am '.repeat(3), tags: ['home', 'security'], entities: { people: ['Lena'] }, reasoning: 'Found a code stated as such.' }),
)
const aad = Buffer.from('mnemo:memory:user:row:secret')

for (const algorithm of ['aes-256-gcm', 'xchacha20-poly1305'] as Algorithm[]) {
  const key = randomBytes(32)
  const times: number[] = []
  for (let i = 0; i < N + 200; i++) {
    const t = performance.now()
    const sealed = seal(algorithm, key, body, aad)
    open(algorithm, key, sealed, aad)
    if (i >= 200) times.push((performance.now() - t) * 1000)
  }
  times.sort((a, b) => a - b)
  console.log(`${algorithm.padEnd(20)} seal + open of a ${body.length}-byte memory: p50 ${percentile(times, 50).toFixed(1)} µs, p95 ${percentile(times, 95).toFixed(1)} µs`)
}

const handle = await openDatabase({})
await handle.migrate()
installDatabase(handle)
const user = await registerUser({ phone: '+14155550311', password: 'bench-crypto-harbor-61' }, { ip: '10.0.0.1', userAgent: 'bench', device: 'bench' })
const principal: Principal = { user, kind: 'token', scopes: SCOPES, maxTierLevel: 1 }
const capture = async (tier: 'general' | 'secret') => {
  const times: number[] = []
  for (let i = 0; i < 300; i++) {
    const t = performance.now()
    await captureMemory(principal, { content: `the storage unit code is ${1000 + i} and the spare key is with Lena`, tier })
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return times
}
await capture('general')
const plain = await capture('general')
const sealed = await capture('secret')
console.log(`capture in-process, tier 1 (general): p50 ${percentile(plain, 50).toFixed(2)} ms, p95 ${percentile(plain, 95).toFixed(2)} ms`)
console.log(`capture in-process, tier 3 (secret):  p50 ${percentile(sealed, 50).toFixed(2)} ms, p95 ${percentile(sealed, 95).toFixed(2)} ms`)
console.log(`overhead of tier 3 over tier 1 at p50: ${(percentile(sealed, 50) - percentile(plain, 50)).toFixed(2)} ms`)
await closeDatabase()
