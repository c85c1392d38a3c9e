// A row per search for the admin's analytics (when, how long, how many results; never the
// words). Written as the system, after the answer is made; a failure never fails the search.
import { getDb } from '@/db'
import { insertSearchEvent } from '@/db/queries/admin'

export async function recordSearchEvent(event: { userId: string; durationMs: number; resultCount: number }): Promise<void> {
  try {
    await insertSearchEvent(await getDb(), { ...event, durationMs: Math.round(event.durationMs * 10) / 10 })
  } catch (error) {
    console.error('[mnemo] could not record a search event:', error instanceof Error ? error.name : 'Error')
  }
}
