// Verifies the access log: every row links to the one before it and its hash or MAC matches its
// fields (version-1 rows: SHA-256, allowed only before the first keyed row), and the table still
// reaches the head checkpointed outside it. `npm run audit:verify` and the admin pages use it.
import { timingSafeEqual } from 'node:crypto'
import { getDb, type DbExecutor } from '@/db'
import { listAccessLogAfterId } from '@/db/queries/access-log'
import type { AccessLogEntry } from '@/db/schema'
import { auditKeys, GENESIS_HASH, hashEntry, macEntry } from './chain'
import { readCheckpoint } from './checkpoint'

export type ProblemKind = 'edited' | 'unlinked' | 'downgraded' | 'missing_tail' | 'rewritten' | 'checkpoint'

export interface ChainProblem {
  kind: ProblemKind
  /** The first row that is wrong (the checkpointed row, for a cut tail). */
  at: number
  /** The range a cut tail covers: rows after `from` up to the checkpointed `to` are gone. */
  range?: { from: number; to: number }
  message: string
}

export type ChainVerdict = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string; problem: ChainProblem }

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y)
}

function checkRow(row: AccessLogEntry, prevHash: string, keyed: boolean, keys: Buffer[], position: number): ChainProblem | null {
  if (row.prevHash !== prevHash) {
    return { kind: 'unlinked', at: row.id, message: `row ${row.id} does not link to the row before it (a row was deleted, inserted or reordered)` }
  }
  if (row.chainVersion === 1) {
    if (keyed) return { kind: 'downgraded', at: row.id, message: `row ${row.id} is an unkeyed (version 1) row after keyed rows (the row was edited or forged)` }
    if (hashEntry(prevHash, row) !== row.hash) return { kind: 'edited', at: row.id, message: `row ${row.id}: its fields do not match its hash (the row was edited)` }
    return null
  }
  if (row.position !== position || !keys.some((key) => sameHex(macEntry(key, prevHash, position, row), row.hash))) {
    return { kind: 'edited', at: row.id, message: `row ${row.id}: its fields do not match its MAC (the row was edited or the chain recomputed)` }
  }
  return null
}

/** Walks the whole chain in id order and names the first row or range that is wrong. */
export async function verifyAuditChain(db?: DbExecutor, batchSize = 1000): Promise<ChainVerdict> {
  const client = db ?? (await getDb())
  const keys = auditKeys()
  const checkpoint = readCheckpoint()
  let prevHash = GENESIS_HASH
  let lastId = 0
  let rows = 0
  let keyed = false
  let reachedHead = false
  const fail = (problem: ChainProblem): ChainVerdict => ({ ok: false, rows, brokenAt: problem.at, reason: problem.message, problem })
  if (checkpoint.status === 'invalid') return fail({ kind: 'checkpoint', at: 0, message: `the checkpoint ${checkpoint.reason}` })
  for (;;) {
    const batch = await listAccessLogAfterId(client, { afterId: lastId, limit: batchSize })
    for (const row of batch) {
      rows++
      const problem = checkRow(row, prevHash, keyed, keys, rows)
      if (problem) return fail(problem)
      keyed ||= row.chainVersion !== 1
      if (checkpoint.status === 'ok' && row.id === checkpoint.head.id) {
        if (row.hash !== checkpoint.head.hash || rows !== checkpoint.head.position) {
          return fail({ kind: 'rewritten', at: row.id, message: `row ${row.id} is not the row the checkpoint recorded (the log was rewritten up to it)` })
        }
        reachedHead = true
      }
      prevHash = row.hash
      lastId = row.id
    }
    if (batch.length < batchSize) break
  }
  if (checkpoint.status === 'ok' && !reachedHead) {
    const { id, position } = checkpoint.head
    return fail({
      kind: 'missing_tail',
      at: id,
      range: { from: lastId, to: id },
      message: `rows after ${lastId || 'the start'} are missing: the checkpoint recorded row ${id} as row number ${position}, the log ends after ${rows} rows`,
    })
  }
  return { ok: true, rows }
}
