// Fits the temperature of the local classifier on its own corpus, never on evaluation data:
// 5-fold cross-validation gives out-of-fold probabilities, and the temperature that minimises
// their log loss is printed. At 1.0 (the case with this corpus) the probabilities need no scaling.
import { TIERS } from '@/lib/tiers'
import { featurize } from '@/lib/classify/features'
import { hintsFor } from '@/lib/classify/local'
import { loadCorpus, trainOnExamples } from '@/lib/classify/model'

const reference = new Date('2026-01-15T12:00:00Z')
const corpus = loadCorpus()
const folds = 5
const outOfFold: { probs: number[]; label: number }[] = []
for (let f = 0; f < folds; f++) {
  const train = corpus.filter((_, i) => i % folds !== f)
  const test = corpus.filter((_, i) => i % folds === f)
  const model = trainOnExamples(train, (t) => hintsFor(t, reference))
  for (const e of test) outOfFold.push({ probs: model.predict(featurize(e.text, hintsFor(e.text, reference))), label: TIERS.indexOf(e.tier) })
}
const scale = (p: number[], t: number) => {
  const q = p.map((x) => Math.pow(Math.max(x, 1e-12), 1 / t))
  const s = q.reduce((a, b) => a + b, 0)
  return q.map((x) => x / s)
}
let best = { t: 1, loss: Infinity }
for (let t = 0.2; t <= 2.001; t += 0.05) {
  const loss = -outOfFold.reduce((sum, o) => sum + Math.log(scale(o.probs, t)[o.label]), 0) / outOfFold.length
  if (loss < best.loss) best = { t: Math.round(t * 100) / 100, loss }
}
const accuracy = outOfFold.filter((o) => o.probs.indexOf(Math.max(...o.probs)) === o.label).length / outOfFold.length
console.log(`5-fold cross-validation on ${corpus.length} corpus examples: accuracy ${accuracy.toFixed(3)}, best temperature ${best.t} (log loss ${best.loss.toFixed(3)})`)
