// A failed statement carries the user's words in its message and parameters: nothing of it may
// reach the log (issue 21). Requests are made to fail the way the database fails, with errors
// whose messages hold the content, the query words, tags and a token; the console output of the
// whole run must hold none of them, while each failure is logged with an id the client was given.
import { DrizzleQueryError } from 'drizzle-orm/errors'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { POST as capture } from '@/app/api/v1/memories/route'
import { POST as searchRoute } from '@/app/api/v1/search/route'
import { scrubConsoleErrors } from '@/lib/log'
import { createUser } from '../fixtures/accounts'
import { setupTestDatabase } from '../fixtures/db'
import { call, STRONG_PASSWORD } from '../fixtures/http'
import { tokenFor } from '../fixtures/principal'

const SECRET_CONTENT = 'my passport number is X9921-quokka-lighthouse'
const QUERY_WORDS = 'zebra-umbrella-invoice'
const TAG = 'tag-marmalade-vortex'

/** What postgres-js and drizzle raise for a failed statement: the SQL, its parameters, a SQLSTATE. */
function failedStatement(params: unknown[]): Error {
  const driver = Object.assign(new Error(`duplicate key value violates unique constraint; detail: Key (content)=(${params[0]}) already exists`), { code: '23505', parameters: params, query: 'insert into memories …' })
  return new DrizzleQueryError('insert into "memories" ("content", "tags") values ($1, $2)', params, driver)
}

vi.mock('@/db/queries/memories', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/db/queries/memories')>()),
  insertMemory: async (_db: unknown, values: { contentPlain?: string | null }) => {
    throw failedStatement([values.contentPlain ?? SECRET_CONTENT, [TAG], '[0.12,0.98,0.33]'])
  },
}))

vi.mock('@/db/queries/memory-terms', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/db/queries/memory-terms')>()),
  listQueryTermsByUser: async (_db: unknown, { terms }: { terms: string[] }) => {
    throw failedStatement([terms, QUERY_WORDS, TAG])
  },
}))

setupTestDatabase()

const lines: string[] = []
const levels = ['log', 'info', 'warn', 'error', 'debug'] as const
const originals = new Map<string, (...args: unknown[]) => void>()

beforeAll(() => {
  for (const level of levels) {
    originals.set(level, console[level])
    console[level] = (...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.stack}\n${JSON.stringify(a)}\n${String(a.cause)}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '))
    }
  }
  // What instrumentation.ts installs in the server, over the capture above.
  scrubConsoleErrors()
})

afterAll(() => {
  for (const level of levels) console[level] = originals.get(level)! as never
})

describe('failed statements in the log', () => {
  it('log the route, the error class, its SQLSTATE and an id — never what the user wrote', async () => {
    const user = await createUser()
    const token = await tokenFor(user, 'general')

    const captured = await call(capture, 'POST', '/api/v1/memories', { token, body: { content: SECRET_CONTENT, tier: 'general' } })
    expect(captured.status).toBe(500)
    expect(captured.json.error.code).toBe('internal:server')
    const id = captured.json.error.error_id as string
    expect(id).toMatch(/^[0-9a-f-]{36}$/)
    expect(captured.json.error.message).toContain(id)

    const searched = await call(searchRoute, 'POST', '/api/v1/search', { token, body: { query: `${QUERY_WORDS} passport`, tags: [TAG] } })
    expect(searched.status).toBe(500)
    expect(JSON.stringify(searched.json)).not.toContain(QUERY_WORDS)

    // A library or Next.js logging the error object itself.
    console.error('a page failed to render:', failedStatement([SECRET_CONTENT, QUERY_WORDS]))

    const log = lines.join('\n')
    expect(log).toContain(`id=${id}`)
    expect(log).toMatch(/where="POST \/api\/v1\/memories" kind=DrizzleQueryError code=23505/)
    expect(log).toMatch(/where="POST \/api\/v1\/search" kind=DrizzleQueryError code=23505/)
    for (const secret of ['X9921', 'quokka', 'zebra', 'umbrella', 'marmalade', '0.98', token, STRONG_PASSWORD, 'insert into', 'values (']) {
      expect(log, secret).not.toContain(secret)
    }
  })
})
