// The job queue on the test file's database (PGlite, or PostgreSQL with DATABASE_URL): each job
// runs once however many instances poll, a failing job is retried then dead-lettered where an
// operator sees it and sends it back, cron schedules fire, a singleton key makes one job.
import { afterAll, describe, expect, it } from 'vitest'
import type { PgBoss } from 'pg-boss'
import { openDatabase, type DatabaseHandle } from '@/db'
import { discardJob, enqueue, getQueue, listFailedJobs, queueHealth, queueStats, retryJob } from '@/lib/jobs'
import { openQueue } from '@/lib/jobs/queue'
import { DEAD_LETTER } from '@/lib/jobs/queues'
import { setupTestDatabase } from '../fixtures/db'

const db = setupTestDatabase()
const opened: PgBoss[] = []
const handles: DatabaseHandle[] = []

afterAll(async () => {
  for (const boss of opened) await boss.stop({ graceful: false, close: false })
  for (const handle of handles) await handle.close()
})

/** Another queue instance on the same database: on a server through a client of its own, as another process would. */
async function anotherInstance(settings: Parameters<typeof openQueue>[1] = {}): Promise<PgBoss> {
  let handle = db.handle
  if (db.url) {
    handle = await openDatabase({ url: db.url })
    handles.push(handle)
  }
  const boss = await openQueue(handle, { schedule: false, ...settings })
  opened.push(boss)
  return boss
}

async function until(check: () => boolean | Promise<boolean>, ms: number) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`not within ${ms} ms`)
}

describe('the job queue', () => {
  it('runs each job once when two instances poll the same database', async () => {
    const [one, two] = [await anotherInstance(), await anotherInstance()]
    await one.createQueue('test-once')
    const runs: { id: string; by: string }[] = []
    for (const [boss, by] of [[one, 'one'], [two, 'two']] as const) {
      await boss.work<object>('test-once', { pollingIntervalSeconds: 0.5, batchSize: 2 }, async (jobs) => {
        for (const job of jobs) runs.push({ id: job.id, by })
      })
    }
    const ids = await Promise.all(Array.from({ length: 20 }, (_, n) => one.send('test-once', { n })))
    await until(() => runs.length >= 20, 20_000)
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(runs.map((r) => r.id).sort()).toEqual([...ids].sort())
    expect(new Set(runs.map((r) => r.id)).size).toBe(20)
  })

  it('makes one job of the same singleton key while the first waits', async () => {
    const first = await enqueue('after-capture', { memory_id: 'k1' }, { singletonKey: 'k1' })
    const again = await enqueue('after-capture', { memory_id: 'k1' }, { singletonKey: 'k1' })
    const other = await enqueue('after-capture', { memory_id: 'k2' }, { singletonKey: 'k2' })
    expect(first).toEqual(expect.any(String))
    expect(again).toBeNull()
    expect(other).toEqual(expect.any(String))
    expect(await (await getQueue()).findJobs('after-capture', { queued: true })).toHaveLength(2)
    expect((await queueStats()).map((q) => q.name)).toEqual(['after-capture', 'dead-letter', 'purge-deleted', 'reembed'])
  })

  it('retries a failing job, then dead-letters it where an operator sees it, sends it back or discards it', async () => {
    const boss = await getQueue()
    await boss.createQueue('test-failing', { retryLimit: 1, retryDelay: 1, deadLetter: DEAD_LETTER })
    let healthy = false
    const attempts: string[] = []
    await boss.work<{ n: number }>('test-failing', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      attempts.push(job.id)
      if (!healthy) throw new Error(`the handler failed on job ${job.data.n}`)
    })
    const id = await boss.send('test-failing', { n: 1 })
    await until(async () => (await listFailedJobs()).length === 1, 20_000)
    expect(attempts).toEqual([id, id])
    const [dead] = await listFailedJobs()
    expect(dead).toMatchObject({ queue: 'test-failing', sourceId: id, attempts: 2, error: 'the handler failed on job 1' })
    expect(await queueHealth()).toEqual({ ok: false, state: '1 failed job waiting in the dead-letter queue', failed: 1 })

    healthy = true
    expect(await retryJob(dead.id)).toBe(true)
    await until(() => attempts.length === 3, 10_000)
    await until(async () => (await boss.findJobs('test-failing', { queued: true })).length === 0, 5_000)
    expect(await listFailedJobs()).toEqual([])
    expect(await queueHealth()).toMatchObject({ ok: true, state: 'ok', failed: 0 })

    healthy = false
    await boss.send('test-failing', { n: 2 })
    await until(async () => (await listFailedJobs()).length === 1, 20_000)
    const [second] = await listFailedJobs()
    expect(await discardJob(second.id)).toBe(true)
    expect(await listFailedJobs()).toEqual([])
    expect(await discardJob(second.id)).toBe(false)
    expect(await retryJob(second.id)).toBe(false)
  })

  it('fires a cron schedule', { timeout: 100_000 }, async () => {
    const boss = await anotherInstance({ schedule: true, cronMonitorIntervalSeconds: 1 })
    await boss.createQueue('test-cron')
    const fired: Date[] = []
    await boss.work('test-cron', { pollingIntervalSeconds: 0.5 }, async () => {
      fired.push(new Date())
    })
    await boss.schedule('test-cron', '* * * * *', {}, { tz: 'UTC' })
    await until(() => fired.length > 0, 90_000)
    expect(await boss.getSchedules('test-cron')).toHaveLength(1)
  })
})
