// The head of the access log, checkpointed outside the table: `audit-head.json` in the data
// folder, rewritten atomically (a new file renamed over the old) after every append, and signed
// with the audit key. Cutting rows off the end of the table leaves the checkpoint naming a row
// that is gone. Each server keeps its own file: see docs/audit.md for what that covers.
import { createHmac, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { dataDirectory } from '@/db'
import { auditKey, auditKeys } from './chain'

export interface Checkpoint {
  id: number
  position: number
  hash: string
}

const FILE = 'audit-head.json'

export function checkpointFile(): string {
  return path.join(dataDirectory(), FILE)
}

function macOf(key: Buffer, head: Checkpoint): string {
  return createHmac('sha256', key).update(JSON.stringify(['checkpoint', head.id, head.position, head.hash])).digest('hex')
}

let written: { file: string; position: number } | undefined

/** Records a newer head; an older one (appends finishing out of order) is ignored. */
export function writeCheckpoint(head: Checkpoint): void {
  const file = checkpointFile()
  if (written?.file === file && written.position >= head.position) return
  const current = readCheckpoint()
  if (current.status === 'ok' && current.head.position >= head.position) return
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  fs.writeFileSync(temporary, JSON.stringify({ ...head, mac: macOf(auditKey(), head) }), { mode: 0o600 })
  fs.renameSync(temporary, file)
  written = { file, position: head.position }
}

export type CheckpointRead = { status: 'none' } | { status: 'ok'; head: Checkpoint } | { status: 'invalid'; reason: string }

export function readCheckpoint(): CheckpointRead {
  let raw: string
  try {
    raw = fs.readFileSync(checkpointFile(), 'utf8')
  } catch {
    return { status: 'none' }
  }
  try {
    const parsed = JSON.parse(raw) as Checkpoint & { mac?: unknown }
    const head = { id: Number(parsed.id), position: Number(parsed.position), hash: String(parsed.hash) }
    const mac = Buffer.from(typeof parsed.mac === 'string' ? parsed.mac : '', 'hex')
    const valid = auditKeys().some((key) => {
      const expected = Buffer.from(macOf(key, head), 'hex')
      return mac.length === expected.length && timingSafeEqual(mac, expected)
    })
    return valid ? { status: 'ok', head } : { status: 'invalid', reason: 'its signature does not match (the file was edited)' }
  } catch {
    return { status: 'invalid', reason: 'it is not readable JSON' }
  }
}

/** Forgets the checkpoint (tests that start a log afresh; an operator after a restore). */
export function removeCheckpoint(): void {
  fs.rmSync(checkpointFile(), { force: true })
  written = undefined
}
