// Request work for one user: a transaction that sets `app.user_id` and drops to the
// non-superuser `mnemo_app` role, so Row Level Security confines every statement to that
// user's rows even when a query forgets its `where user_id = …`.
import { sql } from 'drizzle-orm'
import { getDb, type Db, type Tx } from './index'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function withUser<T>(userId: string, work: (tx: Tx) => Promise<T>, db?: Db): Promise<T> {
  if (!UUID.test(userId)) throw new TypeError('withUser needs a user id (uuid)')
  const client = db ?? (await getDb())
  return client.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.user_id', ${userId}, true)`)
    await tx.execute(sql`set local role mnemo_app`)
    return work(tx)
  })
}
