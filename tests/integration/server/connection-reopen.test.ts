// A connection that closes while it opens (the server ended it right after it said it was
// ready, as happens while an administrator ends sessions or a server restarts) must open again
// and run the statement that was waiting for it. postgres-js 3.4.9 left the write it had
// scheduled for the next turn of the event loop (the array types it asks for first) as
// scheduled, though the close had cancelled it: the next session's startup message was queued
// behind those bytes and never written, so the connection waited for its connect timeout, and
// then again on every later attempt. Mended by patches/postgres+3.4.10.patch. This runs when
// DATABASE_URL names a server (vitest.config.ts).
import net from 'node:net'
import postgres from 'postgres'
import { describe, expect, it } from 'vitest'
import { setupTestDatabase } from '../../fixtures/db'

const database = setupTestDatabase()

/** A socket to the server whose first session is cut off right after its first ReadyForQuery. */
function cutOnce() {
  let sessions = 0
  return ({ host, port }: { host: string[]; port: number[] }) => {
    const socket = net.connect(port[0], host[0])
    if (sessions++ > 0) return socket
    const emit = socket.emit.bind(socket) as (event: string, ...args: unknown[]) => boolean
    let cut = false
    socket.emit = ((event: string, ...args: unknown[]) => {
      if (cut) return false
      const result = emit(event, ...args)
      // 'Z' is ReadyForQuery. The driver answers it by queuing its first statement (a few
      // microtasks on) to be written at the next turn of the event loop; the session ends in
      // between, as when the server's end of it arrives in the same read.
      if (event === 'data' && (args[0] as Buffer).includes(Buffer.from('Z\0\0\0\x05I'))) {
        cut = true
        void Promise.resolve()
          .then(() => {})
          .then(() => {
            emit('close', false)
            socket.destroy()
          })
      }
      return result
    }) as typeof socket.emit
    return socket
  }
}

/** Sockets to the server, each of which `cut` ends at once, as a session the server ended. */
function cuttable() {
  let current: net.Socket | undefined
  return {
    socket: ({ host, port }: { host: string[]; port: number[] }) => (current = net.connect(port[0], host[0])),
    cut() {
      current?.emit('close', false)
      current?.destroy()
    },
  }
}

describe('a connection closed as it opens', () => {
  it('opens again and answers the statement waiting for it', { timeout: 20_000 }, async () => {
    const sql = postgres(database.url!, { max: 1, connect_timeout: 3, onnotice: () => {}, socket: cutOnce() } as postgres.Options<Record<string, never>>)
    try {
      const started = Date.now()
      const [{ answer }] = await sql<{ answer: number }[]>`select 41 + 1 as answer`
      expect(answer).toBe(42)
      // Well inside the connect timeout: the second session's startup was written at once.
      expect(Date.now() - started).toBeLessThan(2_000)
      // Arrays still read as arrays on the new session (it asked for the array types itself).
      const [{ list }] = await sql<{ list: number[] }[]>`select array[1, 2, 3] as list`
      expect(list).toEqual([1, 2, 3])
    } finally {
      await sql.end({ timeout: 1 })
    }
  })
})

describe('a connection closed while a statement waits to be written', () => {
  it('fails that statement, and the next one opens a new session at once', { timeout: 20_000 }, async () => {
    const sockets = cuttable()
    const sql = postgres(database.url!, { max: 1, connect_timeout: 3, onnotice: () => {}, socket: sockets.socket } as postgres.Options<Record<string, never>>)
    try {
      expect((await sql<{ n: number }[]>`select 1 as n`)[0].n).toBe(1)
      // Handed to the connection a few microtasks on, and queued by it for the next turn of the
      // event loop; the session ends in between.
      const waiting = sql`select 2 as n`.execute()
      for (let i = 0; i < 5; i++) await null
      sockets.cut()
      await expect(waiting).rejects.toThrow(/CONNECTION_CLOSED/)
      const started = Date.now()
      expect((await sql<{ n: number }[]>`select 3 as n`)[0].n).toBe(3)
      expect(Date.now() - started).toBeLessThan(2_000)
    } finally {
      await sql.end({ timeout: 1 })
    }
  })
})
