// `npm run audit:verify`: walks the hash chain of the access log and names the first row that
// does not link (edited, deleted, inserted or reordered). Exits 1 when the chain is broken.
import { closeDatabase } from '@/db'
import { verifyAccessLog } from '@/lib/audit'

const verdict = await verifyAccessLog()
if (verdict.ok) {
  console.log(`[mnemo] access log intact: ${verdict.rows} rows verified`)
} else {
  console.error(`[mnemo] access log BROKEN at row ${verdict.brokenAt}: ${verdict.reason} (${verdict.rows} rows read)`)
}
await closeDatabase()
process.exit(verdict.ok ? 0 : 1)
