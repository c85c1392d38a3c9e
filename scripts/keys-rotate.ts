// `npm run keys:rotate`: rewraps every data key under a new master key, without touching the
// memories. The new key comes from MNEMO_NEW_MASTER_KEY; in the embedded default (key in
// .data/master.key) one is generated into .data/master.key.new and swapped in at the end.
// Safe to interrupt and run again. While a rotation is unfinished, run the app with
// MNEMO_MASTER_KEY=<new> and MNEMO_PREVIOUS_MASTER_KEY=<old>.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { closeDatabase, dataDirectory } from '@/db'
import { masterKey, parseMasterKey } from '@/lib/crypto/master-key'
import { rotateMasterKey } from '@/lib/crypto/rotate'

const old = masterKey()
const keyFile = path.join(dataDirectory(), 'master.key')
const fromFile = !process.env.MNEMO_MASTER_KEY
let encoded = process.env.MNEMO_NEW_MASTER_KEY?.trim()
if (!encoded) {
  if (!fromFile) {
    console.error('[mnemo] set MNEMO_NEW_MASTER_KEY (openssl rand -base64 32) to the key to rotate to')
    process.exit(1)
  }
  const pending = `${keyFile}.new`
  if (!fs.existsSync(pending)) fs.writeFileSync(pending, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 })
  encoded = fs.readFileSync(pending, 'utf8').trim()
}
const next = parseMasterKey(encoded, 'the new master key')
if (next.id === old.id) {
  console.error('[mnemo] the new master key is the one in force already')
  process.exit(1)
}
try {
  const { rewrapped } = await rotateMasterKey({ from: old, to: next })
  if (fromFile) {
    fs.renameSync(keyFile, `${keyFile}.previous`)
    fs.renameSync(`${keyFile}.new`, keyFile)
    console.log(`[mnemo] ${keyFile} now holds the new key; the old one is in ${keyFile}.previous — delete it once your backups are checked`)
  } else {
    console.log('[mnemo] rotation done: set MNEMO_MASTER_KEY to the new key and remove the old one')
  }
  console.log(`[mnemo] rewrapped ${rewrapped} data keys (master key ${old.id} → ${next.id})`)
} catch (error) {
  console.error(`[mnemo] rotation stopped: ${error instanceof Error ? error.message : error}. Run it again to resume.`)
  process.exitCode = 1
} finally {
  await closeDatabase()
}
