// Request work for one user: a transaction that sets `app.user_id`, signs it (`app.user_sig`,
// HMAC with a secret the application role cannot read) and drops to the non-superuser
// `mnemo_app` role, so Row Level Security confines every statement to that user's rows even
// when a query forgets its `where user_id = …`, and a statement that sets another user id
// (an injection, say) gets nothing, since it cannot sign it.
import { createHmac } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { getDb, rowsOf, type Db, type Tx } from './index'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

// One secret per database; kept per client so tests with many databases each get theirs.
const secrets = new WeakMap<Db, Promise<Buffer>>()

function rlsSecret(db: Db): Promise<Buffer> {
  let secret = secrets.get(db)
  if (!secret) {
    secret = (async () => {
      const [row] = rowsOf<{ value: string }>(await db.execute(sql`select encode(value, 'hex') as value from mnemo_secrets where name = 'rls'`))
      if (!row) throw new Error('the RLS secret is missing: run the migrations')
      return Buffer.from(row.value, 'hex')
    })()
    secrets.set(db, secret)
    secret.catch(() => secrets.delete(db))
  }
  return secret
}

export interface WithUserOptions {
  db?: Db
  /** Settings for this transaction alone (SET LOCAL), set in the same round trip as the user. */
  settings?: Record<string, string>
}

export async function withUser<T>(userId: string, work: (tx: Tx) => Promise<T>, { db, settings = {} }: WithUserOptions = {}): Promise<T> {
  if (!UUID.test(userId)) throw new TypeError('withUser needs a user id (uuid)')
  const client = db ?? (await getDb())
  const signature = createHmac('sha256', await rlsSecret(client)).update(userId).digest('hex')
  return client.transaction(async (tx) => {
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE.
    const more = Object.entries(settings).map(([name, value]) => sql`, set_config(${name}, ${value}, true)`)
    await tx.execute(
      sql`select set_config('app.user_id', ${userId}, true), set_config('app.user_sig', ${signature}, true), set_config('role', 'mnemo_app', true)${sql.join(more)}`,
    )
    return work(tx)
  })
}
