// Where the public benchmark data sets live (../shared/bench-data beside the checkout, or
// MNEMO_BENCH_DATA), and a CSV reader for them. Benchmarks skip with a message when absent.
import fs from 'node:fs'
import path from 'node:path'

export function benchDataDir(): string | null {
  const dir = path.resolve(process.env.MNEMO_BENCH_DATA ?? path.join('..', 'shared', 'bench-data'))
  return fs.existsSync(dir) ? dir : null
}

export function requireBenchData(file: string): string | null {
  const dir = benchDataDir()
  const full = dir ? path.join(dir, file) : null
  if (!full || !fs.existsSync(full)) {
    console.log(`[bench] skipped: ${file} not found (looked in ${dir ?? path.resolve('../shared/bench-data')}; set MNEMO_BENCH_DATA)`)
    return null
  }
  return full
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = []
  let field = ''
  let row: string[] = []
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      field = ''
      if (row.some((f) => f !== '')) rows.push(row)
      row = []
    } else field += ch
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  const [header, ...body] = rows
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])))
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]
}
