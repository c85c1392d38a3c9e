import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { rowsOf } from '@/db'
import { memories, notifications, users, type User } from '@/db/schema'
import { readAsUser, readStatementsAsUser, withUser } from '@/db/with-user'
import { setupTestDatabase } from '../fixtures/db'

const test = setupTestDatabase()
let alice: User
let bob: User

beforeAll(async () => {
  ;[alice, bob] = await test.handle.db
    .insert(users)
    .values([{ phone: '+15551110001', name: 'Alice' }, { phone: '+15551110002', name: 'Bob' }])
    .returning()
  await test.handle.db.insert(memories).values([
    { userId: alice.id, tier: 'general', securityLevel: 1, content: 'alice likes tea' },
    { userId: bob.id, tier: 'general', securityLevel: 1, content: 'bob likes coffee' },
    { userId: bob.id, tier: 'chronological', securityLevel: 1, content: 'bob ran a marathon' },
  ])
  await test.handle.db.insert(notifications).values({ userId: bob.id, kind: 'test', title: 'for bob' })
})

describe('row level security', () => {
  it("shows a user only their own rows, even to a query without `where user_id`", async () => {
    const seen = await withUser(alice.id, (tx) => tx.select().from(memories))
    expect(seen.map((m) => m.content)).toEqual(['alice likes tea'])
    const seenUsers = await withUser(alice.id, (tx) => tx.select().from(users))
    expect(seenUsers.map((u) => u.id)).toEqual([alice.id])
    const seenNotifications = await withUser(alice.id, (tx) => tx.select().from(notifications))
    expect(seenNotifications).toEqual([])
  })

  it('runs request work as the non-superuser application role', async () => {
    const [who] = await withUser(alice.id, async (tx) =>
      rowsOf<{ role: string; superuser: boolean }>(
        await tx.execute(
          sql`select current_user as role, (select rolsuper from pg_roles where rolname = current_user) as superuser`,
        ),
      ),
    )
    expect(who).toEqual({ role: 'mnemo_app', superuser: false })
  })

  it("refuses to insert a row for another user", async () => {
    await expect(
      withUser(alice.id, (tx) =>
        tx.insert(memories).values({ userId: bob.id, tier: 'general', securityLevel: 1, content: 'planted' }),
      ),
    ).rejects.toSatisfy((error: Error) => /row-level security/i.test(String(error.cause ?? error)))
    const planted = await test.handle.db.select().from(memories).where(sql`content = 'planted'`)
    expect(planted).toEqual([])
  })

  it("cannot update or delete another user's rows", async () => {
    const updated = await withUser(alice.id, (tx) =>
      tx.update(memories).set({ content: 'hijacked' }).returning({ id: memories.id }),
    )
    expect(updated).toHaveLength(1) // only alice's own row
    const deleted = await withUser(alice.id, (tx) =>
      tx.delete(memories).where(sql`user_id = ${bob.id}`).returning({ id: memories.id }),
    )
    expect(deleted).toEqual([])
    const bobs = await withUser(bob.id, (tx) => tx.select().from(memories))
    expect(bobs.map((m) => m.content).sort()).toEqual(['bob likes coffee', 'bob ran a marathon'])
  })

  it('sees nothing when no user is set', async () => {
    const none = await test.handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local role mnemo_app`)
      return tx.select().from(memories)
    })
    expect(none).toEqual([])
  })

  it('lets an unknown user id see nothing', async () => {
    const seen = await withUser(randomUUID(), (tx) => tx.select().from(memories))
    expect(seen).toEqual([])
  })

  it('rejects a user id that is not a uuid before touching the database', async () => {
    await expect(withUser("' or 1=1 --", async () => 1)).rejects.toThrow(/uuid/)
  })

  it('reverts to the connecting role when the transaction ends', async () => {
    await withUser(alice.id, async () => undefined)
    const [who] = rowsOf<{ role: string }>(await test.handle.db.execute(sql`select current_user as role`))
    expect(who.role).not.toBe('mnemo_app')
  })
})

describe('a forged app.user_id', () => {
  it("opens nothing of another user: the id is trusted only with the application's signature", async () => {
    const forged = await withUser(alice.id, async (tx) => {
      await tx.execute(sql`select set_config('app.user_id', ${bob.id}, true)`)
      return tx.select().from(memories)
    })
    expect(forged).toEqual([])
    await expect(
      withUser(alice.id, async (tx) => {
        await tx.execute(sql`select set_config('app.user_id', ${bob.id}, true)`)
        await tx.insert(notifications).values({ userId: bob.id, kind: 'x', title: 'planted' })
      }),
    ).rejects.toThrow()
  })

  it('cannot read the signing secret as the application role', async () => {
    await expect(withUser(alice.id, (tx) => tx.execute(sql`select value from mnemo_secrets`))).rejects.toThrow()
  })
})

describe('readAsUser (a read whose BEGIN and settings share the first statement’s round trip)', () => {
  it('shows the user only their own rows, as the application role, with the settings asked for', async () => {
    const [seen, [who]] = await readAsUser(
      alice.id,
      async (tx) =>
        Promise.all([
          tx.select().from(memories),
          tx.execute(sql`select current_user as role, current_setting('statement_timeout') as timeout`).then((r) => rowsOf<{ role: string; timeout: string }>(r)),
        ]),
      { settings: { statement_timeout: '4321' } },
    )
    const alices = await test.handle.db.select().from(memories).where(sql`user_id = ${alice.id}`)
    expect(seen.map((m) => m.id)).toEqual(alices.map((m) => m.id))
    expect(who).toEqual({ role: 'mnemo_app', timeout: '4321ms' })
    const bobs = await readAsUser(bob.id, (tx) => tx.select().from(memories))
    expect(bobs.map((m) => m.content).sort()).toEqual(['bob likes coffee', 'bob ran a marathon'])
  })

  it('refuses to write', async () => {
    await expect(
      readAsUser(alice.id, (tx) => tx.insert(notifications).values({ userId: alice.id, kind: 'x', title: 'written in a read' })),
    ).rejects.toSatisfy((error: Error) => /read-only transaction/i.test(String(error.cause ?? error)))
    expect(await test.handle.db.select().from(notifications).where(sql`title = 'written in a read'`)).toEqual([])
  })

  it('writes when asked not to be read-only, still only as the user', async () => {
    await readAsUser(alice.id, (tx) => tx.insert(notifications).values({ userId: alice.id, kind: 'x', title: 'written on the way' }), { readOnly: false })
    await expect(
      readAsUser(alice.id, (tx) => tx.insert(notifications).values({ userId: bob.id, kind: 'x', title: 'planted on the way' }), { readOnly: false }),
    ).rejects.toSatisfy((error: Error) => /row-level security/i.test(String(error.cause ?? error)))
    // The answer comes before the COMMIT: wait for the row to be there.
    await expect.poll(async () => (await test.handle.db.select().from(notifications).where(sql`title = 'written on the way'`)).length).toBe(1)
    expect(await test.handle.db.select().from(notifications).where(sql`title = 'planted on the way'`)).toEqual([])
  })

  it('fails with the statement that failed, and leaves no connection in the transaction or as the user', async () => {
    const failing = await Promise.allSettled(Array.from({ length: 25 }, () => readAsUser(alice.id, (tx) => tx.execute(sql`select 1 / 0`))))
    for (const attempt of failing) {
      expect(attempt.status).toBe('rejected')
      expect(String((attempt as PromiseRejectedResult).reason.cause)).toMatch(/division by zero/)
    }
    // Many at once, so every connection of a server's pool is asked: none is still Alice's.
    const after = await Promise.all(
      Array.from({ length: 25 }, () =>
        test.handle.db
          .execute(sql`select current_setting('app.user_id', true) as user_id, current_user as role, current_setting('transaction_read_only') = 'off' as outside`)
          .then((r) => rowsOf<{ user_id: string | null; role: string; outside: boolean }>(r)[0]),
      ),
    )
    for (const row of after) {
      expect(row.user_id ?? '').toBe('')
      expect(row.role).not.toBe('mnemo_app')
      expect(row.outside).toBe(true)
    }
    expect((await readAsUser(alice.id, (tx) => tx.select().from(memories))).map((m) => m.userId)).toEqual([alice.id])
  })

  it('answers many reads at once, more than a pool holds, each waiting for another', async () => {
    const reads = Array.from({ length: 30 }, (_, i) => {
      const other = readAsUser(bob.id, (tx) => tx.select().from(memories))
      return readAsUser(alice.id, async (tx) => [(await tx.select().from(memories)).length, (await other).length, i])
    })
    expect(await Promise.all(reads)).toEqual(Array.from({ length: 30 }, (_, i) => [1, 2, i]))
  })
})

describe('readStatementsAsUser (statements straight to the driver on a server)', () => {
  it('shows the user only their own rows, as the application role, with the settings asked for, in the order the statements were made', async () => {
    const [mine, [who], [after]] = await readStatementsAsUser(
      alice.id,
      async (tx) =>
        Promise.all([
          tx.execute(sql`select user_id, content from memories`).then((r) => rowsOf<{ user_id: string }>(r)),
          tx.execute(sql`select current_user as role, current_setting('statement_timeout') as timeout, set_config('app.probe', 'set', true) as probe`).then((r) => rowsOf<{ role: string; timeout: string }>(r)),
          // Made after the statement above, sent without waiting for it: it sees what that one set.
          tx.execute(sql`select current_setting('app.probe', true) as probe`).then((r) => rowsOf<{ probe: string }>(r)),
        ]),
      { settings: { statement_timeout: '4321' } },
    )
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((m) => m.user_id === alice.id)).toBe(true)
    expect(who).toMatchObject({ role: 'mnemo_app', timeout: '4321ms' })
    expect(after.probe).toBe('set')
  })

  it('refuses to write, and fails with the statement that failed', async () => {
    await expect(
      readStatementsAsUser(alice.id, (tx) => tx.execute(sql`insert into notifications (user_id, kind, title) values (${alice.id}, 'x', 'written in a lean read')`)),
    ).rejects.toSatisfy((error: Error) => /read-only transaction/i.test(String(error.cause ?? error)))
    expect(await test.handle.db.select().from(notifications).where(sql`title = 'written in a lean read'`)).toEqual([])
    const failing = await Promise.allSettled(Array.from({ length: 25 }, () => readStatementsAsUser(alice.id, (tx) => tx.execute(sql`select 1 / 0`))))
    for (const attempt of failing) {
      expect(attempt.status).toBe('rejected')
      expect(String((attempt as PromiseRejectedResult).reason.cause ?? (attempt as PromiseRejectedResult).reason)).toMatch(/division by zero/)
    }
    const after = await Promise.all(
      Array.from({ length: 25 }, () =>
        test.handle.db.execute(sql`select current_setting('app.user_id', true) as user_id, current_user as role`).then((r) => rowsOf<{ user_id: string | null; role: string }>(r)[0]),
      ),
    )
    for (const row of after) {
      expect(row.user_id ?? '').toBe('')
      expect(row.role).not.toBe('mnemo_app')
    }
  })
})
