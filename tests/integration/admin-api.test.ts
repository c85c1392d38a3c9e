// The admin API: only an admin's session gets in (a non-admin 403 forbidden:admin, any token 403 forbidden:token); counts,
// never content; every action is logged and told to the user concerned; never the last admin.
import { and, eq, inArray } from 'drizzle-orm'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { GET as analyticsGet } from '@/app/api/v1/admin/analytics/route'
import { GET as auditGet } from '@/app/api/v1/admin/audit/route'
import { POST as verifyPost } from '@/app/api/v1/admin/audit/verify/route'
import { DELETE as jobDiscard } from '@/app/api/v1/admin/jobs/[id]/route'
import { POST as jobRetry } from '@/app/api/v1/admin/jobs/[id]/retry/route'
import { GET as systemGet } from '@/app/api/v1/admin/system/route'
import { DELETE as userDelete, PATCH as userPatch } from '@/app/api/v1/admin/users/[id]/route'
import { POST as signOutPost } from '@/app/api/v1/admin/users/[id]/sign-out/route'
import { GET as usersGet } from '@/app/api/v1/admin/users/route'
import { getDb } from '@/db'
import { getUserById } from '@/db/queries/users'
import { users, type User } from '@/db/schema'
import { updateUserAsAdmin } from '@/lib/accounts/admin'
import { API_ROUTES } from '@/lib/api/catalogue'
import { captureMemory } from '@/lib/memories'
import { listNotifications } from '@/lib/notify'
import { search } from '@/lib/search'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call } from '../fixtures/http'
import { sessionFor, tokenFor } from '../fixtures/principal'

const signedIn = vi.hoisted(() => ({ session: null as { user: { id: string }; sessionId: string } | null }))
vi.mock('@/auth', () => ({
  auth: async () => signedIn.session,
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: { GET: async () => new Response(null), POST: async () => new Response(null) },
}))

setupTestDatabase()

const COOKIE = { cookie: 'authjs.session-token=test' }
let admin: User
let bob: User
let carol: User

async function as(user: User) {
  const principal = await sessionFor(user)
  signedIn.session = { user: { id: user.id }, sessionId: principal.sessionId! }
}

const HANDLERS: Record<string, Parameters<typeof call>[0]> = {
  'GET /api/v1/admin/users': usersGet,
  'PATCH /api/v1/admin/users/{id}': userPatch,
  'DELETE /api/v1/admin/users/{id}': userDelete,
  'POST /api/v1/admin/users/{id}/sign-out': signOutPost,
  'GET /api/v1/admin/analytics': analyticsGet,
  'GET /api/v1/admin/system': systemGet,
  'GET /api/v1/admin/audit': auditGet,
  'POST /api/v1/admin/jobs/{id}/retry': jobRetry,
  'DELETE /api/v1/admin/jobs/{id}': jobDiscard,
  'POST /api/v1/admin/audit/verify': verifyPost,
}

beforeAll(async () => {
  admin = await createUser({ name: 'Ada Admin' })
  bob = await createUser({ name: 'Bob Builder' })
  carol = await createUser({ name: 'Carol' })
  expect(admin.role).toBe('admin')
  const bobSession = await sessionFor(bob)
  await captureMemory(bobSession, { content: 'Bought bread at the corner bakery', tier: 'general' })
  await captureMemory(bobSession, { content: 'My bank PIN is 4821', tier: 'secret', source: 'telegram' })
  await captureMemory(bobSession, { content: 'Dentist appointment moved to Friday' })
  await search(bobSession, { query: 'bakery bread', limit: 10, offset: 0 })
})

describe('who may call', () => {
  it('answers 403 forbidden:admin to a signed-in non-admin on every admin route', async () => {
    await as(bob)
    const adminRoutes = API_ROUTES.filter((r) => r.auth.kind === 'admin')
    expect(adminRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(Object.keys(HANDLERS).sort())
    for (const r of adminRoutes) {
      const res = await call(HANDLERS[`${r.method} ${r.path}`], r.method, r.path.replace('{id}', carol.id), { headers: COOKIE, params: { id: carol.id }, body: r.body ? { confirm: carol.phone } : undefined })
      expect(res.status, `${r.method} ${r.path}`).toBe(403)
      expect(res.json.error.code).toBe('forbidden:admin')
    }
    expect((await getUserById(await getDb(), { id: carol.id }))?.active).toBe(true)
  })

  it('answers 403 to an admin’s API token and 401 to no one', async () => {
    const token = await tokenFor(admin)
    // Every token is refused before its user's role is looked at: admin routes are session-only.
    expect((await call(usersGet, 'GET', '/api/v1/admin/users', { token })).json.error.code).toBe('forbidden:token')
    signedIn.session = null
    expect((await call(usersGet, 'GET', '/api/v1/admin/users')).status).toBe(401)
  })
})

describe('users', () => {
  it('lists users with memory counts per tier and source, never content', async () => {
    await as(admin)
    const res = await call(usersGet, 'GET', '/api/v1/admin/users?q=bob', { headers: COOKIE })
    expect(res.status).toBe(200)
    expect(res.json.total).toBe(1)
    const [row] = res.json.items
    expect(row).toMatchObject({ id: bob.id, phone: bob.phone, role: 'user', active: true })
    expect(row.memories_by_tier).toMatchObject({ general: 1, secret: 1 })
    expect(row.memories_by_source).toMatchObject({ api: 2, telegram: 1 })
    expect(row.last_seen_at).not.toBeNull()
    expect(res.text).not.toMatch(/bakery|PIN|4821|Dentist/i)
    const all = await call(usersGet, 'GET', '/api/v1/admin/users?limit=2&offset=0', { headers: COOKIE })
    expect(all.json.items).toHaveLength(2)
    expect(all.json.total).toBe(3)
    expect((await call(usersGet, 'GET', '/api/v1/admin/users?limit=0', { headers: COOKIE })).status).toBe(400)
  })

  it('promotes and demotes, but never the last admin, and tells the user', async () => {
    await as(admin)
    const demoteSelf = await call(userPatch, 'PATCH', '/', { headers: COOKIE, params: { id: admin.id }, body: { role: 'user' } })
    expect(demoteSelf.status).toBe(409)
    expect(demoteSelf.json.error.code).toBe('conflict:admin')
    // All of a request or none of it: the refused demotion leaves the tier in the same body unchanged.
    const before = (await getUserById(await getDb(), { id: admin.id }))!.maxTier
    const mixed = await call(userPatch, 'PATCH', '/', { headers: COOKIE, params: { id: admin.id }, body: { max_tier: before === 3 ? 2 : 3, role: 'user' } })
    expect(mixed.status).toBe(409)
    expect((await getUserById(await getDb(), { id: admin.id }))!.maxTier).toBe(before)
    const promoted = await call(userPatch, 'PATCH', '/', { headers: COOKIE, params: { id: carol.id }, body: { role: 'admin' } })
    expect(promoted.status).toBe(200)
    expect(promoted.json.role).toBe('admin')
    expect((await call(userPatch, 'PATCH', '/', { headers: COOKIE, params: { id: carol.id }, body: { role: 'user' } })).json.role).toBe('user')
    const notes = await listNotifications({ userId: carol.id })
    expect(notes.map((n) => n.kind)).toEqual(expect.arrayContaining(['admin.user.promote', 'admin.user.demote']))
  })

  it('two admins demoting each other at once leave one admin, never none', async () => {
    const db = await getDb()
    const [a, b] = [await createUser(), await createUser()]
    await db.update(users).set({ role: 'admin' }).where(inArray(users.id, [a.id, b.id]))
    // Leave a and b as the only active admins for this test.
    const others = (await db.select().from(users).where(and(eq(users.role, 'admin'), eq(users.active, true)))).filter((u) => u.id !== a.id && u.id !== b.id)
    await db.update(users).set({ active: false }).where(inArray(users.id, others.map((u) => u.id).concat('00000000-0000-0000-0000-000000000000')))
    try {
      const results = await Promise.allSettled([
        updateUserAsAdmin({ actorId: a.id, userId: b.id, role: 'user' }),
        updateUserAsAdmin({ actorId: b.id, userId: a.id, role: 'user' }),
      ])
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const admins = await db.select().from(users).where(and(eq(users.role, 'admin'), eq(users.active, true)))
      expect(admins).toHaveLength(1)
    } finally {
      await db.update(users).set({ active: true }).where(inArray(users.id, others.map((u) => u.id).concat('00000000-0000-0000-0000-000000000000')))
    }
  })

  it('signs a user out everywhere, logged and alerted', async () => {
    await sessionFor(bob)
    await as(admin)
    const res = await call(signOutPost, 'POST', '/', { headers: COOKIE, params: { id: bob.id } })
    expect(res.status).toBe(200)
    expect(res.json.revoked).toBeGreaterThanOrEqual(1)
    expect((await listNotifications({ userId: bob.id })).some((n) => n.kind === 'admin.user.sign_out')).toBe(true)
    const log = await call(auditGet, 'GET', `/api/v1/admin/audit?action=admin.user.sign_out&user_id=${admin.id}`, { headers: COOKIE })
    expect(log.json.items[0]).toMatchObject({ action: 'admin.user.sign_out', success: true, details: { target: bob.id } })
  })

  it('deletes only with the phone number typed, and never itself', async () => {
    await as(admin)
    const wrong = await call(userDelete, 'DELETE', '/', { headers: COOKIE, params: { id: carol.id }, body: { confirm: '+14155550000' } })
    expect(wrong.status).toBe(400)
    expect(wrong.json.error.fields.confirm).toBeDefined()
    expect((await call(userDelete, 'DELETE', '/', { headers: COOKIE, params: { id: admin.id }, body: { confirm: admin.phone } })).status).toBe(400)
    const done = await call(userDelete, 'DELETE', '/', { headers: COOKIE, params: { id: carol.id }, body: { confirm: carol.phone } })
    expect(done.status).toBe(204)
    expect(await getUserById(await getDb(), { id: carol.id })).toBeUndefined()
    const again = await call(userDelete, 'DELETE', '/', { headers: COOKIE, params: { id: carol.id }, body: { confirm: carol.phone } })
    expect(again.status).toBe(404)
  })
})

describe('failed jobs', () => {
  it('answers 404 for a job that is not a dead letter, on retry and discard', async () => {
    await as(admin)
    const id = '00000000-0000-4000-8000-000000000001'
    const retry = await call(jobRetry, 'POST', '/', { headers: COOKIE, params: { id } })
    expect(retry.status).toBe(404)
    expect(retry.json.error.code).toBe('not_found:job')
    expect((await call(jobDiscard, 'DELETE', '/', { headers: COOKIE, params: { id } })).status).toBe(404)
    expect((await call(jobDiscard, 'DELETE', '/', { headers: COOKIE, params: { id: 'nope' } })).status).toBe(404)
  })
})

describe('analytics, system, audit', () => {
  it('counts captures by source, tier and model, active users and searches with latency', async () => {
    await as(admin)
    await vi.waitFor(async () => {
      const res = await call(analyticsGet, 'GET', '/api/v1/admin/analytics?days=7', { headers: COOKIE })
      expect(res.status).toBe(200)
      const series = Object.fromEntries(res.json.series.map((s: { id: string }) => [s.id, s]))
      const total = (id: string, key: string) => (series[id].values[key] as number[]).reduce((a, b) => a + b, 0)
      expect(res.json.days).toHaveLength(7)
      expect(total('captures-by-source', 'api')).toBe(2)
      expect(total('captures-by-source', 'telegram')).toBe(1)
      expect(total('captures-by-tier', 'secret')).toBe(1)
      expect(total('classifier-models', 'user')).toBe(2)
      expect(total('classifier-models', 'local')).toBe(1)
      expect(total('searches', 'searches')).toBe(1)
      expect(total('search-latency', 'p95')).toBeGreaterThan(0)
      expect(total('active-users', 'active')).toBeGreaterThanOrEqual(2)
    })
    expect((await call(analyticsGet, 'GET', '/api/v1/admin/analytics?from=2026-13-01', { headers: COOKIE })).status).toBe(400)
    // The edges of the years both engines store answer, not 500; a reversed period is refused.
    for (const edge of ['to=9999-12-31', 'to=0001-01-01', 'from=0001-01-01&to=0001-01-02']) {
      const res = await call(analyticsGet, 'GET', `/api/v1/admin/analytics?${edge}`, { headers: COOKIE })
      expect(res.status).toBe(200)
      expect(res.json.days.length).toBeGreaterThan(0)
    }
    const reversed = await call(analyticsGet, 'GET', '/api/v1/admin/analytics?from=2026-12-06&to=2026-01-01', { headers: COOKIE })
    expect(reversed.status).toBe(400)
    expect(reversed.json.error.fields).toHaveProperty('from')
  })

  it('reports the engine, size, migrations and error rate by route template', async () => {
    await as(admin)
    const res = await call(systemGet, 'GET', '/api/v1/admin/system', { headers: COOKIE })
    expect(res.status).toBe(200)
    expect(res.json.engine).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite')
    expect(res.json.migrations.pending).toEqual([])
    expect(res.json.migrations.applied).toBe(res.json.migrations.known)
    expect(res.json.largest_tables.length).toBeGreaterThan(3)
    expect(res.json.queue.available).toBe(true)
    expect(res.json.queue.queues.map((q: { name: string }) => q.name)).toEqual(expect.arrayContaining(['after-capture', 'dead-letter']))
    const users = res.json.routes.find((r: { route: string }) => r.route === 'GET /api/v1/admin/users')
    expect(users.client_errors).toBeGreaterThanOrEqual(1)
  })

  it('filters the access log across users and verifies the chain', async () => {
    await as(admin)
    const failed = await call(auditGet, 'GET', '/api/v1/admin/audit?success=false', { headers: COOKIE })
    expect(failed.status).toBe(200)
    expect(failed.json.items.every((r: { success: boolean }) => !r.success)).toBe(true)
    const bobs = await call(auditGet, 'GET', `/api/v1/admin/audit?user_id=${bob.id}&limit=200`, { headers: COOKIE })
    expect(bobs.json.items.length).toBeGreaterThan(0)
    expect(bobs.json.items.every((r: { user_id: string }) => r.user_id === bob.id)).toBe(true)
    const verdict = await call(verifyPost, 'POST', '/api/v1/admin/audit/verify', { headers: COOKIE })
    expect(verdict.json).toMatchObject({ ok: true })
    expect(verdict.json.rows).toBeGreaterThan(5)
  })
})
