// Background jobs (pg-boss, on PGlite or PostgreSQL): enqueue, with a singleton key, at an
// instant, or in a caller's transaction; what an operator sees and does about failed jobs.
// The handlers and schedules are in ./workers (started by lib/startup.ts).
export { enqueue, enqueueInTransaction, getQueue, stopQueue, type EnqueueOptions } from './queue'
export { queueStats, listFailedJobs, retryJob, discardJob, queueHealth, type QueueStat, type FailedJob } from './admin'
export { nextLocalTime } from './local-time'
export type { QueueName } from './queues'
