// The queues mnemo runs, with their retry policy. Every queue is `exclusive`: one job per
// singleton key at a time (waiting, retrying or running), so the same key sent twice is one job;
// a job sent without a key is the queue's one job. A job that fails its last retry moves to the
// dead-letter queue, where an operator sees it and sends it back (lib/jobs/admin.ts).
import type { Queue } from 'pg-boss'

export const DEAD_LETTER = 'dead-letter'

export const QUEUE_NAMES = ['after-capture', 'purge-deleted', 'reembed'] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

const RETRIES: Omit<Queue, 'name'> = {
  policy: 'exclusive',
  retryLimit: 3,
  retryDelay: 30,
  retryBackoff: true,
  retryDelayMax: 15 * 60,
  deadLetter: DEAD_LETTER,
}

export const QUEUES: Record<QueueName, Omit<Queue, 'name'>> = {
  'after-capture': { ...RETRIES, expireInSeconds: 5 * 60 },
  'purge-deleted': { ...RETRIES, expireInSeconds: 15 * 60 },
  // Re-embedding every memory of a large vault takes a while; it resumes where it stopped.
  reembed: { ...RETRIES, expireInSeconds: 60 * 60 },
}

/** Dead letters wait for an operator for 90 days, then go. */
export const DEAD_LETTER_QUEUE: Omit<Queue, 'name'> = { policy: 'standard', retentionSeconds: 90 * 86_400, deleteAfterSeconds: 7 * 86_400 }

/** Cron schedules (UTC unless a zone is given): pg-boss sends each once, whatever the number of instances. */
export const SCHEDULES: { queue: QueueName; cron: string }[] = [
  // Memories deleted over 30 days ago, hourly.
  { queue: 'purge-deleted', cron: '17 * * * *' },
]
