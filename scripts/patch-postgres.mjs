// Mends a fault of postgres-js 3.4.9 (porsager/postgres#1154, #1208; fixes proposed in #1176 and
// #1209, not released): a statement made on a connection the server has just closed is buffered
// for a write that runs after the socket is gone. The write then throws from a timer, an
// uncaught TypeError no caller can catch, and the statement, never sent nor failed, stays first
// in the connection's queue: once the pool reconnects it, every later statement on it waits for
// ever. A database restart, a failover or an administrator ending sessions left mnemo's pool
// stuck (seen: after backends were terminated during searches, no search ever finished again).
// The guard fails the buffered statements as the closed connection does its others
// (CONNECTION_CLOSED), so callers get an error and the pool recovers.
// A second mend: a connection ended while it fetched the array types (its first statement)
// failed that fetch with no one to catch it, an unhandled rejection; the failure now goes to the
// connection's own error path, which fails the statement that was waiting for it.
// A third: the error a session was ended with (an administrator's, say), when it came while a
// statement was under way, was kept past the end of the session and handed to the first
// statement of the next one: every ended connection failed one request more after it was back.
// A fourth: when a session ended by a socket error (ECONNRESET: the client wrote to a
// connection the server had just ended), the statement under way stayed the connection's
// current one and a statement sent after the error stayed queued, neither failed; once the
// pool reopened the connection, the stale current statement took the new session's first
// answer and the queued one (never sent on it) was waited for, so a transaction on that
// connection never finished (seen: about one search in 3,000 while sessions were being ended,
// the server waiting for the rest of a statement the client thought answered).
// A fifth: a session that closed while a write waited for the next turn of the event loop (a
// statement queued just before the server ended the session) had that write cancelled but
// still marked as scheduled, with its bytes kept: the next session's startup message was
// queued behind them and, as a write seemed scheduled already, never written, so the
// connection waited for its connect timeout, and again at every later attempt until a large
// statement forced a write (seen: about one search in 40 waited 5 s while sessions were being
// ended). The closed session's pending bytes are now dropped and nothing stays scheduled.
// Runs after every `npm install` (postinstall); idempotent; says so and leaves a file alone when
// the driver's code is no longer the one it mends (an upgrade that fixed it, say).
import fs from 'node:fs'

const CONNECTION = ['node_modules/postgres/src/connection.js', 'node_modules/postgres/cjs/src/connection.js']

const MENDS = [
  {
    mark: '/* mnemo: closed-socket guard */',
    original: `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`,
    mended: (mark) => `  function nextWrite(fn) {
    ${mark}
    if (!socket) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`,
  },
  {
    mark: '/* mnemo: array types failure handled */',
    original: `  async function fetchArrayTypes() {
    needsTypes = false`,
    mended: (mark) => `  function fetchArrayTypes() {
    ${mark}
    return fetchArrayTypesOnce().catch(error)
  }

  async function fetchArrayTypesOnce() {
    needsTypes = false`,
  },
  {
    mark: '/* mnemo: no error left over from a closed session */',
    original: `  async function closed(hadError) {
    incoming = Buffer.alloc(0)`,
    mended: (mark) => `  async function closed(hadError) {
    ${mark}
    errorResponse = null
    incoming = Buffer.alloc(0)`,
  },
  {
    mark: '/* mnemo: a closed session leaves nothing behind */',
    original: `    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))`,
    mended: (mark) => `    ${mark}
    chunk = null
    ;(query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
    query = null`,
  },
  {
    mark: '/* mnemo: no write left pending from a closed session */',
    original: `    incomings = null
    clearImmediate(nextWriteTimer)
    socket.removeListener('data', data)`,
    mended: (mark) => `    incomings = null
    ${mark}
    clearImmediate(nextWriteTimer)
    chunk = nextWriteTimer = null
    socket.removeListener('data', data)`,
  },
]

for (const file of CONNECTION) {
  if (!fs.existsSync(file)) continue
  const before = fs.readFileSync(file, 'utf8')
  let code = before
  for (const { mark, original, mended } of MENDS) {
    if (code.includes(mark)) continue
    if (!code.includes(original)) {
      console.warn(`[patch-postgres] ${file}: not the code "${mark}" mends; left as it is (check porsager/postgres)`)
      continue
    }
    code = code.replace(original, mended(mark))
    console.log(`[patch-postgres] ${file}: ${mark.slice(10, -3)}`)
  }
  if (code !== before) fs.writeFileSync(file, code)
}
