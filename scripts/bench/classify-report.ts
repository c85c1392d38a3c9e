// Figures for bench:classify: confusion counts with precision / recall / F1, expected
// calibration error, and reliability tables (stated confidence against how often it was right).

export interface Counts {
  tp: number
  fp: number
  fn: number
  tn: number
}

export const emptyCounts = (): Counts => ({ tp: 0, fp: 0, fn: 0, tn: 0 })

export function tally(counts: Counts, actual: boolean, predicted: boolean) {
  counts[actual ? (predicted ? 'tp' : 'fn') : predicted ? 'fp' : 'tn']++
}

export function metrics(c: Counts) {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : NaN
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : NaN
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : NaN
  return { precision, recall, f1 }
}

export const fmt = (x: number) => (Number.isNaN(x) ? '  n/a' : x.toFixed(3))
export const pct = (x: number, digits = 1) => `${(x * 100).toFixed(digits)}%`

export function describeCounts(c: Counts): string {
  const m = metrics(c)
  return `precision ${fmt(m.precision)}  recall ${fmt(m.recall)}  F1 ${fmt(m.f1)}   (tp ${c.tp} fp ${c.fp} fn ${c.fn} tn ${c.tn})`
}

export interface Outcome {
  /** The probability stated. */
  confidence: number
  /** Whether what it was stated about turned out true. */
  correct: boolean
}

/** Expected calibration error over equal-width bins: the share-weighted gap between stated and observed. */
export function expectedCalibrationError(outcomes: readonly Outcome[], bins = 10): number {
  let error = 0
  for (const bin of binned(outcomes, bins)) error += (bin.n / outcomes.length) * Math.abs(bin.stated - bin.observed)
  return error
}

export function binned(outcomes: readonly Outcome[], bins: number) {
  const out: { from: number; to: number; n: number; stated: number; observed: number }[] = []
  for (let b = 0; b < bins; b++) {
    const from = b / bins
    const to = (b + 1) / bins
    const inBin = outcomes.filter((o) => o.confidence >= from && (b === bins - 1 ? o.confidence <= to : o.confidence < to))
    if (inBin.length === 0) continue
    out.push({
      from,
      to,
      n: inBin.length,
      stated: inBin.reduce((s, o) => s + o.confidence, 0) / inBin.length,
      observed: inBin.filter((o) => o.correct).length / inBin.length,
    })
  }
  return out
}

/** One line per tier: how many were placed there, their mean stated confidence, and how often that was right. */
export function reliabilityByTier(rows: readonly (Outcome & { tier: string })[], tiers: readonly string[]): string[] {
  return tiers.flatMap((tier) => {
    const placed = rows.filter((r) => r.tier === tier)
    if (placed.length === 0) return []
    const stated = placed.reduce((s, r) => s + r.confidence, 0) / placed.length
    const observed = placed.filter((r) => r.correct).length / placed.length
    return [`    ${tier.padEnd(14)} n ${String(placed.length).padStart(4)}   stated ${fmt(stated)}   observed ${fmt(observed)}   ECE ${fmt(expectedCalibrationError(placed))}`]
  })
}
