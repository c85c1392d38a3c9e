// Mends a fault of postgres-js 3.4.9 (porsager/postgres#1154, #1208; fixes proposed in #1176 and
// #1209, not released): a statement made on a connection the server has just closed is buffered
// for a write that runs after the socket is gone. The write then throws from a timer, an
// uncaught TypeError no caller can catch, and the statement, never sent nor failed, stays first
// in the connection's queue: once the pool reconnects it, every later statement on it waits for
// ever. A database restart, a failover or an administrator ending sessions left mnemo's pool
// stuck (seen: after backends were terminated during searches, no search ever finished again).
// The guard fails the buffered statements as the closed connection does its others
// (CONNECTION_CLOSED), so callers get an error and the pool recovers. Runs after every
// `npm install` (postinstall); idempotent; says so and leaves the file alone when the driver's
// code is no longer the one it mends (an upgrade that fixed it, say).
import fs from 'node:fs'

const MARK = '/* mnemo: closed-socket guard */'
const ORIGINAL = `  function nextWrite(fn) {
    const x = socket.write(chunk, fn)`
const GUARDED = `  function nextWrite(fn) {
    ${MARK}
    if (!socket) {
      nextWriteTimer !== null && clearImmediate(nextWriteTimer)
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)`

for (const file of ['node_modules/postgres/src/connection.js', 'node_modules/postgres/cjs/src/connection.js']) {
  if (!fs.existsSync(file)) continue
  const code = fs.readFileSync(file, 'utf8')
  if (code.includes(MARK)) continue
  if (!code.includes(ORIGINAL)) {
    console.warn(`[patch-postgres] ${file}: nextWrite is not the code this guard mends; left as it is (check porsager/postgres#1208)`)
    continue
  }
  fs.writeFileSync(file, code.replace(ORIGINAL, GUARDED))
  console.log(`[patch-postgres] ${file}: guarded nextWrite against a closed socket`)
}
