// Live events: a notification on a channel, sent from inside the transaction that makes the
// change, so listeners hear of it at commit and never of one that rolls back.
import { sql } from 'drizzle-orm'
import type { Tx } from '../index'

export async function notifyLiveEvent(tx: Tx, { channel, payload }: { channel: string; payload: string }): Promise<void> {
  await tx.execute(sql`select pg_notify(${channel}, ${payload})`)
}
