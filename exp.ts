import fs from 'node:fs'
import { parseCsv } from './scripts/bench/data'
import { loadCorpus, trainOnExamples } from '@/lib/classify/model'
import { featurize } from '@/lib/classify/features'
import { hintsFor } from '@/lib/classify/local'
import { decideTier } from '@/lib/classify/decide'
import { detect, detectorFloor } from '@/lib/classify/detectors'
import { TIER_LEVEL } from '@/lib/tiers'
const rows = parseCsv(fs.readFileSync('../shared/bench-data/dlp-dev.csv', 'utf8'))
const ref = new Date('2026-01-15T12:00:00Z')
const corpus = loadCorpus()
const hintCache = new Map<string, ReturnType<typeof hintsFor>>()
const hints = (t: string) => { let h = hintCache.get(t); if (!h) { h = hintsFor(t, ref); hintCache.set(t, h) } return h }
const dlpVec = rows.map(r => ({ v: featurize(r.Example, hints(r.Example)), floor: detectorFloor(detect(r.Example)), pos: r.Type === 'Positive', sub: r.Subtype }))
function evalModel(predict: (v: ReturnType<typeof featurize>) => number[]) {
  let tp=0, fp=0, fn=0, dpos=0, dtp=0
  for (const d of dlpVec) {
    const t = decideTier({ probabilities: predict(d.v), floor: d.floor }).tier
    const p = TIER_LEVEL[t] >= 2
    if (d.pos && p) tp++; else if (!d.pos && p) fp++; else if (d.pos && !p) fn++
    if (d.pos && d.sub === 'Direct') { dpos++; if (p) dtp++ }
  }
  const prec = tp/(tp+fp), rec = tp/(tp+fn)
  return `P ${prec.toFixed(3)} R ${rec.toFixed(3)} F1 ${(2*prec*rec/(prec+rec)).toFixed(3)} directR ${(dtp/dpos).toFixed(2)}`
}
for (const [epochs, lr, l2] of [[12, 0.5, 1e-6], [30, 0.5, 1e-6], [12, 0.2, 1e-6], [12, 0.5, 1e-4], [6, 0.5, 1e-6]] as const) {
  const t0 = Date.now()
  const m = trainOnExamples(corpus, hints, { epochs, learningRate: lr, l2 })
  const base = evalModel(v => m.predict(v))
  const sharp = (T: number) => (v: ReturnType<typeof featurize>) => { const p = m.predict(v).map(x => Math.pow(x, 1/T)); const s = p.reduce((a,b)=>a+b,0); return p.map(x=>x/s) }
  console.log(`epochs ${epochs} lr ${lr} l2 ${l2} (${Date.now()-t0}ms): ${base} | T0.5 ${evalModel(sharp(0.5))} | T0.33 ${evalModel(sharp(0.33))}`)
}
