// The job queue as the admin sees it: depth per queue, failed jobs with their error, retry and
// discard. Until a queue is running in this process the section says so.
export interface QueueStatus {
  available: boolean
  queues: { name: string; states: Record<string, number>; failed: number }[]
  failed: { id: string; queue: string; error: string; failed_at: string | null }[]
}

export const queueAdmin = {
  async status(): Promise<QueueStatus> {
    return { available: false, queues: [], failed: [] }
  },
}
