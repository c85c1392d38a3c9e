// `npm run audit:verify`: walks the keyed chain of the access log and checks it still reaches the
// head checkpointed outside the table (docs/audit.md). Names the first row or range that is wrong:
// an edited row, a chain broken at a row, rows missing after a row. Exits 1 when anything is.
import { closeDatabase } from '@/db'
import { verifyAuditChain } from '@/lib/audit'

const verdict = await verifyAuditChain()
if (verdict.ok) {
  console.log(`[mnemo] access log intact: ${verdict.rows} rows verified`)
} else {
  console.error(`[mnemo] access log BROKEN (${verdict.problem.kind}): ${verdict.reason} (${verdict.rows} rows read)`)
}
await closeDatabase()
process.exit(verdict.ok ? 0 : 1)
