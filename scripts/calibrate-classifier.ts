// npm run calibrate:classifier — makes the shipped weights of the local classifier,
// lib/classify/weights/model.bin, reproducibly (seeded training, fixed folds):
//  1. 5-fold cross-validation over the DLP dev rows grouped by `Point`, corpus lines spread over
//     the same folds (scripts/bench/classify-protocol.ts); the held-out predictions fit the Platt
//     curve;
//  2. the model trained on the whole corpus, all DLP dev rows and the everyday dialogue lines of
//     DailyDialog++'s dev half (everydayTraining), carrying that curve;
//  3. the prior shift: the smallest that keeps the turns of two LoCoMo conversations
//     (LOCOMO_TUNING; the other three are reported) in tier 1 but for 2 % (EVERYDAY_PROTECTED_TARGET).
// Needs ../shared/bench-data (or MNEMO_BENCH_DATA) and DailyDialog++ (MNEMO_BENCH_DAILYDIALOG).
// The figures to quote are bench:classify's cross-validated ones, never a fit of this model on
// the rows it was trained on.
import { featurize } from '@/lib/classify/features'
import { sensitiveMass } from '@/lib/classify/calibration'
import { writeShippedWeights, shippedWeightsFile } from '@/lib/classify/weights'
import { loadCorpus } from '@/lib/classify/model'
import { chooseShift, crossValidate, everydayTraining, hints, loadDailyDialog, loadDlp, loadLocomo, LOCOMO_TUNING, PRIVATE_TOPICS, score, trainShipped } from './bench/classify-protocol'

const dlp = loadDlp()
if (!dlp) {
  console.log('calibrate:classifier needs the DLP dev rows; the shipped weights were left as they are.')
  process.exit(1)
}
console.log(`cross-validation (${dlp.length} DLP dev rows grouped by Point, and the corpus):`)
const dialogue = loadDailyDialog()
if (!dialogue) {
  console.log('calibrate:classifier needs DailyDialog++ (MNEMO_BENCH_DAILYDIALOG=<its dataset folder>, docs/benchmarks.md); the shipped weights were left as they are.')
  process.exit(1)
}
const everyday = everydayTraining(dialogue)
console.log(`everyday dialogue lines learned as ordinary: ${everyday.length} (DailyDialog++ dev half, outside ${PRIVATE_TOPICS.join(' and ')}, read as ordinary by a corpus-only model)`)
const cv = crossValidate(dlp, console.log, undefined, everyday)
console.log(`Platt curve on the held-out predictions: a ${cv.platt.a.toFixed(4)}, b ${cv.platt.b.toFixed(4)}`)
const started = performance.now()
const trained = trainShipped(dlp, [...loadCorpus(), ...everyday])
console.log(`shipped model trained on ${trained.examples} messages (with typo'd copies) in ${((performance.now() - started) / 1000).toFixed(1)} s`)
const tuning = (loadLocomo() ?? []).filter((t) => LOCOMO_TUNING.includes(t.conv)).map((t) => score(trained, t.text))
const shift = tuning.length ? chooseShift(tuning, cv.platt) : 0
console.log(`prior shift ${shift} (chosen on ${tuning.length} turns of ${LOCOMO_TUNING.join(', ')})`)
const model = trained.withPlatt({ ...cv.platt, shift })
writeShippedWeights(model)
const probe = sensitiveMass(model.predict(featurize('Stay safe!', hints('Stay safe!'))))
console.log(`wrote ${shippedWeightsFile()} (P(protect | "Stay safe!") = ${probe.toFixed(3)})`)
