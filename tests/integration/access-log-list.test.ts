import { describe, expect, it, vi } from 'vitest'
import { GET as accessLogRoute } from '@/app/api/v1/account/access-log/route'
import { recordAccess } from '@/lib/audit'
import { groupAccessEntries, listAccessLog, publicAccessEntry } from '@/lib/audit/list'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call } from '../fixtures/http'
import { sessionFor } from '../fixtures/principal'
import { asSession } from '../fixtures/session-auth'

// The access log is for a signed-in session only (API tokens never reach it).
vi.mock('@/auth', () => import('../fixtures/session-auth'))

setupTestDatabase()

async function seed(userId: string) {
  const at = { ip: '198.51.100.7', device: 'Chrome on Linux' }
  await recordAccess({ userId, action: 'login', success: true, ...at })
  for (let i = 0; i < 12; i++) await recordAccess({ userId, action: 'memory.read', tier: 'confidential', success: true, ...at })
  await recordAccess({ userId, action: 'unlock', tier: 'secret', success: false, ...at })
  for (let i = 0; i < 3; i++) await recordAccess({ userId, action: 'memory.read', tier: 'confidential', success: true, ...at })
}

describe('the access log as a person reads it', () => {
  it('folds runs of alike events into one row with a count, keeping the order', async () => {
    const user = await createUser()
    await seed(user.id)
    const groups = groupAccessEntries((await listAccessLog({ userId: user.id, limit: 50 })).map(publicAccessEntry))
    // After these, the fixture's own sign-up may follow.
    expect(groups.slice(0, 4).map((g) => [g.action, g.count, g.success])).toEqual([
      ['memory.read', 3, true],
      ['unlock', 1, false],
      ['memory.read', 12, true],
      ['login', 1, true],
    ])
    expect(Date.parse(groups[0].first_at)).toBeLessThanOrEqual(Date.parse(groups[0].at))
  })

  it('filters by kind and outcome, and pages back by id', async () => {
    const user = await createUser()
    await seed(user.id)
    const reads = await listAccessLog({ userId: user.id, kind: 'reads' })
    expect(new Set(reads.map((r) => r.action))).toEqual(new Set(['memory.read']))
    expect(reads).toHaveLength(15)
    const account = await listAccessLog({ userId: user.id, kind: 'account' })
    expect(account.map((r) => r.action)).not.toContain('memory.read')
    expect(account.map((r) => r.action)).toContain('unlock')
    const failed = await listAccessLog({ userId: user.id, success: false })
    expect(failed.map((r) => r.action)).toEqual(['unlock'])
    const first = await listAccessLog({ userId: user.id, limit: 5 })
    const next = await listAccessLog({ userId: user.id, limit: 5, before: first[4].id })
    expect(next[0].id).toBeLessThan(first[4].id)
    expect(new Set([...first, ...next].map((r) => r.id)).size).toBe(10)
  })

  it('answers the same filters through the API, and refuses an unknown kind', async () => {
    const user = await createUser()
    await seed(user.id)
    const session = await sessionFor(user)
    const r = await call(accessLogRoute, 'GET', '/api/v1/account/access-log?kind=account&success=false', asSession(session))
    expect(r.status).toBe(200)
    expect(r.json.items.map((e: { action: string }) => e.action)).toEqual(['unlock'])
    expect((await call(accessLogRoute, 'GET', '/api/v1/account/access-log?kind=everything', asSession(session))).status).toBe(400)
  })
})
