// npm run bench:classify — the local classifier on data nobody here wrote, by the protocol of
// docs/benchmarks.md ("Classifier"), all in one run:
//  - start-up: loading the shipped weights in this fresh process;
//  - DLP dev set, 5-fold cross-validated grouped by Point: sensitive precision / recall / F1
//    overall, per subtype and per category; calibration (ECE, reliability per tier);
//  - LoCoMo dev turns: share placed in tier >= 2 and >= 3. No turn is trained on, but the
//    model's outputs on all five conversations were read while corpus lines were written
//    (lib/classify/corpus/README.md): a dev figure, not one on unseen chat;
//  - presidio PII sentences (never trained on): detector recall per entity, and the share of
//    sentences holding sensitive PII that the classifier protects;
//  - with MNEMO_BENCH_EVERYDAY / MNEMO_BENCH_REALTALK / MNEMO_BENCH_DAILYDIALOG set, outside
//    everyday checks (legitimate SMS, real messaging-app chats, written everyday dialogue; see below);
//  - p50/p95 time per message; with OPENAI_BASE_URL set, the remote layer's wiring.
import fs from 'node:fs'
import os from 'node:os'
import { classify } from '@/lib/classify'
import { calibrateMass } from '@/lib/classify/calibration'
import { detect } from '@/lib/classify/detectors'
import { featurize } from '@/lib/classify/features'
import { localModel } from '@/lib/classify/local'
import { TIER_LEVEL, TIERS, type Tier } from '@/lib/tiers'
import { crossValidate, everydayHalf, everydayTraining, isProtected, loadDailyDialog, loadDlp, loadLocomo, LOCOMO_TUNING, score, SHIFTS, type CrossValidation, type DialogueLine, type Scored } from './classify-protocol'
import { binned, describeCounts, emptyCounts, expectedCalibrationError, fmt, pct, reliabilityByTier, tally, type Counts, type Outcome } from './classify-report'
import { percentile, requireBenchData } from './data'

const NOW = new Date('2026-06-01T12:00:00Z')
const local = { now: NOW, allowRemote: false } as const
const latencies: number[] = []
const cpu: number[] = []

async function timed(text: string) {
  const started = performance.now()
  const used = process.cpuUsage()
  const c = await classify(text, local)
  latencies.push(performance.now() - started)
  const spent = process.cpuUsage(used)
  cpu.push((spent.user + spent.system) / 1000)
  return c
}

async function dlpCrossValidated(dialogue: DialogueLine[] | null): Promise<CrossValidation | null> {
  const rows = loadDlp()
  if (!rows) return null
  const shift = localModel().platt.shift ?? 0
  console.log(`\nDLP dev set (${rows.length} rows), 5-fold cross-validation grouped by Point (each fold's model never saw the held-out Points; its Platt curve fitted on the other folds; the shipped prior shift ${shift}). The features and lexicon were chosen watching these figures: expect the held-out half lower.`)
  if (!dialogue) console.log('  (MNEMO_BENCH_DAILYDIALOG is not set: these folds train without the everyday dialogue lines the shipped model learned, so they measure a different recipe)')
  const folds = crossValidate(rows, console.log, undefined, dialogue ? everydayTraining(dialogue) : [])
  const cv = { ...folds, models: folds.models.map((m) => m.withPlatt({ ...m.platt, shift })) }
  const overall = emptyCounts()
  const groups = new Map<string, Counts>()
  const add = (name: string, actual: boolean, predicted: boolean) => {
    const c = groups.get(name) ?? emptyCounts()
    tally(c, actual, predicted)
    groups.set(name, c)
  }
  const placed: (Outcome & { tier: string })[] = []
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]
    const c = await classify(row.text, { ...local, localModel: cv.models[cv.dlpFold[i]] })
    const predicted = TIER_LEVEL[c.tier] >= 2
    tally(overall, row.positive, predicted)
    add(`subtype ${row.subtype}`, row.positive, predicted)
    add(`${row.positive ? '+' : '-'} ${row.subtype}`, row.positive, predicted)
    add(`category ${row.category}`, row.positive, predicted)
    if (row.positive) add(`recall ${row.category}`, row.positive, predicted)
    placed.push({ tier: c.tier, confidence: c.confidence, correct: predicted === row.positive })
  }
  console.log(`  sensitive (Positive → tier ≥ confidential):  ${describeCounts(overall)}`)
  console.log('  per subtype:')
  for (const name of ['Direct', 'Typo', 'Contextual', 'False Keywords']) console.log(`    ${name.padEnd(15)} ${describeCounts(groups.get(`subtype ${name}`) ?? emptyCounts())}`)
  for (const name of ['+ Direct', '+ Typo', '+ Contextual', '- Direct', '- Typo', '- False Keywords']) {
    const c = groups.get(name) ?? emptyCounts()
    const rate = name.startsWith('+') ? c.tp / (c.tp + c.fn) : c.tn / (c.tn + c.fp)
    console.log(`    ${name.padEnd(17)} ${name.startsWith('+') ? 'recall     ' : 'specificity'} ${fmt(rate)}  (n ${c.tp + c.fn + c.fp + c.tn})`)
  }
  console.log('  per category:')
  for (const [name, c] of [...groups].filter(([n]) => n.startsWith('category ')).sort()) console.log(`    ${name.slice(9).padEnd(30)} ${describeCounts(c)}`)

  // Calibration: the probability of needing protection, as each fold's model stated it (its
  // Platt curve fitted on the other folds), against the label.
  const stated = (shifted: boolean) =>
    rows.map((r, i) => ({ confidence: calibrateMass(cv.dlpRaw[i], { ...cv.models[cv.dlpFold[i]].platt, shift: shifted ? shift : 0 }), correct: r.positive }))
  const calibrated: Outcome[] = stated(true)
  const raw: Outcome[] = rows.map((r, i) => ({ confidence: cv.dlpRaw[i], correct: r.positive }))
  console.log(
    `\n  calibration of P(needs protection) on the held-out rows: ECE ${fmt(expectedCalibrationError(stated(false)))} with the folds' Platt curves, ${fmt(expectedCalibrationError(calibrated))} with the prior shift too (which lowers P for a stream with fewer sensitive messages than this 50/50 set), ${fmt(expectedCalibrationError(raw))} raw; shipped curve a ${cv.platt.a.toFixed(3)}, b ${cv.platt.b.toFixed(3)}`,
  )
  for (const bin of binned(calibrated, 10)) console.log(`    stated ${bin.from.toFixed(1)}–${bin.to.toFixed(1)}  n ${String(bin.n).padStart(3)}  mean ${fmt(bin.stated)}  share sensitive ${fmt(bin.observed)}`)
  console.log('  reliability of the confidence returned, per tier placed (DLP held out; right = protected iff Positive):')
  for (const line of reliabilityByTier(placed, TIERS)) console.log(line)

  // The corpus lines of each fold, held out the same way, carry a tier label of their own.
  const corpusPlaced: (Outcome & { tier: string })[] = []
  for (let i = 0; i < cv.corpus.length; i++) {
    const e = cv.corpus[i]
    const c = await classify(e.text, { ...local, localModel: cv.models[cv.corpusFold[i]] })
    const level = TIER_LEVEL[c.tier]
    corpusPlaced.push({ tier: c.tier, confidence: c.confidence, correct: level >= 2 ? TIER_LEVEL[e.tier] >= level : TIER_LEVEL[e.tier] === 1 })
  }
  console.log(`  reliability per tier on held-out corpus lines (${cv.corpus.length}; right = labelled at least that level, or tier 1 for tier 1):`)
  for (const line of reliabilityByTier(corpusPlaced, TIERS)) console.log(line)
  return folds
}

async function locomo(): Promise<Scored[]> {
  const turns = loadLocomo()
  if (!turns) return []
  const model = localModel()
  const groups = new Map<string, { total: number; counts: Map<string, number> }>()
  const examples: string[] = []
  const unseen: Scored[] = []
  for (const turn of turns) {
    const c = await timed(turn.text)
    const group = LOCOMO_TUNING.includes(turn.conv) ? 'tuning' : 'unseen'
    const g = groups.get(group) ?? { total: 0, counts: new Map() }
    g.total++
    g.counts.set(c.tier, (g.counts.get(c.tier) ?? 0) + 1)
    groups.set(group, g)
    if (group === 'unseen') unseen.push(score(model, turn.text))
    if (TIER_LEVEL[c.tier] >= 3 && examples.length < 5) examples.push(`${c.tier}: ${turn.text.slice(0, 60)}`)
  }
  const unseenIds = [...new Set(turns.map((t) => t.conv))].filter((id) => !LOCOMO_TUNING.includes(id)).join(', ')
  console.log(`\nLoCoMo dev turns, shipped model (no turn trained on, but outputs on all five conversations were read while corpus lines were written: a dev figure, not unseen chat):`)
  for (const [group, g] of [...groups].sort().reverse()) {
    const share = (min: number) => [...g.counts].filter(([t]) => TIER_LEVEL[t as Tier] >= min).reduce((s, [, n]) => s + n, 0) / g.total
    const label = group === 'unseen' ? `${unseenIds} (did not choose the shift)` : `${LOCOMO_TUNING.join(', ')} (chose the prior shift)`
    console.log(`  ${label.padEnd(46)} ${String(g.total).padStart(4)} turns   tier ≥ 2: ${pct(share(2))}   tier ≥ 3: ${pct(share(3), 2)}   (${TIERS.map((t) => `${t} ${g.counts.get(t) ?? 0}`).join(', ')})`)
  }
  for (const e of examples) console.log(`    ${e}`)
  return unseen
}

/** Outside everyday texts, each with its half (see outsideEveryday and outsideRealtalk). */
type Halved = { text: string; half: 'dev' | 'sealed' }[]

/**
 * What the prior shift trades: DLP cross-validated figures against everyday chat placed in tier
 * >= 2 — the LoCoMo turns that did not choose the shift, and the dev halves of the outside
 * everyday sets when they are given (never their sealed halves).
 */
function tradeOff(cv: CrossValidation, rows: { positive: boolean }[], unseen: Scored[], outside: { label: string; texts: Halved | null }[]) {
  const shipped = localModel().platt
  const model = localModel()
  const dev = outside.filter((o) => o.texts).map((o) => ({ label: o.label, scored: o.texts!.filter((t) => t.half === 'dev').map((t) => score(model, t.text)) }))
  const share = (scored: Scored[], shift: number) => scored.filter((s) => isProtected(s, { ...shipped, shift })).length / (scored.length || 1)
  console.log(`\nprior shift trade-off (DLP: cross-validated, each fold's own curve; LoCoMo: the turns that did not choose the shift${dev.length ? `; ${dev.map((d) => d.label).join(', ')}: dev halves only` : ''}; shipped model):`)
  for (const shift of SHIFTS.filter((x, i) => i % 2 === 0 || x === shipped.shift)) {
    const counts = emptyCounts()
    rows.forEach((r, i) => tally(counts, r.positive, isProtected(cv.dlpScored[i], { ...cv.models[cv.dlpFold[i]].platt, shift })))
    const mark = shift === (shipped.shift ?? 0) ? '  ← shipped' : ''
    const extra = dev.map((d) => `   ${d.label} ${pct(share(d.scored, shift))}`).join('')
    console.log(`  shift ${shift.toFixed(2).padStart(5)}   DLP ${describeCounts(counts)}   tier ≥ 2: LoCoMo ${pct(share(unseen, shift))}${extra}${mark}`)
  }
}

interface PresidioRecord {
  full_text: string
  spans: { entity_type: string; start_position: number; end_position: number }[]
}
const SENSITIVE_PII = ['CREDIT_CARD', 'IBAN_CODE', 'US_SSN', 'US_DRIVER_LICENSE', 'PHONE_NUMBER', 'EMAIL_ADDRESS', 'STREET_ADDRESS', 'IP_ADDRESS']

async function presidio() {
  const file = requireBenchData('presidio_synth_dataset_v2.json')
  if (!file) return
  const records = JSON.parse(fs.readFileSync(file, 'utf8')) as PresidioRecord[]
  const found = new Map<string, { hit: number; total: number }>()
  let holding = 0
  let protectedHolding = 0
  let none = 0
  let protectedNone = 0
  // The sentences without PII repeat (113 of them, 15 distinct texts): count the texts too.
  const noneTexts = new Map<string, boolean>()
  for (const record of records) {
    const detections = detect(record.full_text)
    for (const span of record.spans) {
      const entry = found.get(span.entity_type) ?? { hit: 0, total: 0 }
      entry.total++
      if (detections.some((d) => d.start < span.end_position && d.end > span.start_position)) entry.hit++
      found.set(span.entity_type, entry)
    }
    const sensitive = record.spans.some((s) => SENSITIVE_PII.includes(s.entity_type))
    if (!sensitive && record.spans.length > 0) continue
    const level = TIER_LEVEL[(await timed(record.full_text)).tier]
    if (sensitive) {
      holding++
      if (level >= 2) protectedHolding++
    } else {
      none++
      if (level >= 2) protectedNone++
      noneTexts.set(record.full_text.trim().toLowerCase(), level >= 2)
    }
  }
  console.log(`\npresidio synthetic PII (${records.length} sentences, never trained on), shipped model:`)
  console.log(`  sentences holding sensitive PII (${SENSITIVE_PII.length} types) placed in tier ≥ 2: ${pct(protectedHolding / holding)} (${protectedHolding}/${holding}); sentences with no PII at all: ${pct(protectedNone / none)} (${protectedNone}/${none}; ${[...noneTexts.values()].filter(Boolean).length} of their ${noneTexts.size} distinct texts)`)
  console.log('  detector recall per entity type:')
  for (const type of SENSITIVE_PII) {
    const e = found.get(type)
    if (e) console.log(`    ${type.padEnd(18)} ${fmt(e.hit / e.total)}  (${e.hit}/${e.total})`)
  }
}

/** Classifies every text and prints, per half, the share placed in tier >= 2 and >= 3 (never a text). */
async function reportHalves(title: string, texts: Halved, unit: string) {
  // While the model is worked on, MNEMO_BENCH_SEALED=hide keeps the sealed halves unclassified and unprinted.
  const hide = process.env.MNEMO_BENCH_SEALED === 'hide'
  const halves = new Map<string, Map<Tier, number>>(hide ? [['dev', new Map()]] : [['dev', new Map()], ['sealed', new Map()]])
  for (const { text, half } of texts) {
    if (hide && half === 'sealed') continue
    const tier = (await classify(text, local)).tier
    const counts = halves.get(half)!
    counts.set(tier, (counts.get(tier) ?? 0) + 1)
  }
  console.log(`\n${title}, shipped model:`)
  for (const [half, counts] of halves) {
    const total = [...counts.values()].reduce((a, b) => a + b, 0)
    if (!total) continue
    const share = (min: number) => [...counts].filter(([t]) => TIER_LEVEL[t] >= min).reduce((sum, [, n]) => sum + n, 0) / (total || 1)
    const label = half === 'dev' ? 'dev half (may be read while tuning)' : 'sealed (never read: the figure that counts)'
    console.log(`  ${label.padEnd(48)} ${String(total).padStart(4)} ${unit}   tier ≥ 2: ${pct(share(2))}   tier ≥ 3: ${pct(share(3), 2)}   (${TIERS.map((t) => `${t} ${counts.get(t) ?? 0}`).join(', ')})`)
  }
}

/**
 * An outside everyday check, optional: MNEMO_BENCH_EVERYDAY names a file in the SMS Spam
 * Collection's format (`ham<TAB>text` / `spam<TAB>text` per line; UCI, Almeida & Gómez Hidalgo
 * 2011), which is not in ../shared/bench-data and is not shipped here. Its legitimate ("ham")
 * messages are real texts between friends that nothing here was trained on. It is split in two
 * halves by a hash of the text: the dev half may be read while the model is worked on, the sealed
 * half never is, and only its figure counts as unseen everyday chat (docs/benchmarks.md). No
 * message is printed here.
 */
function loadEveryday(): Halved | null {
  const file = process.env.MNEMO_BENCH_EVERYDAY
  if (!file) return null
  if (!fs.existsSync(file)) {
    console.log(`\n[bench] outside everyday check skipped: ${file} not found`)
    return null
  }
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.startsWith('ham\t'))
    .map((line) => line.slice(4).trim())
    .filter(Boolean)
    .map((text) => ({ text, half: everydayHalf(text) }))
}

/**
 * A second outside everyday check, optional: MNEMO_BENCH_REALTALK names the `data` folder of
 * REALTALK (Lee et al. 2025, "A 21-Day Real-World Dataset for Long-Term Conversation"): real
 * messaging-app chats between ten people, made by LoCoMo's authors as its real-world
 * counterpart. Only the `Chat_<n>_<a>_<b>.json` files directly in that folder are read; its
 * `locomo/` subfolder holds all ten LoCoMo conversations, the held-out half included, and is
 * never opened. The halves follow the people: chats 1–4 (Emi, Elise, Kevin, Paola) are the dev
 * half, chats 5–10 (six other people) the sealed half, never read. No turn is printed.
 */
function loadRealtalk(): Halved | null {
  const dir = process.env.MNEMO_BENCH_REALTALK
  if (!dir) return null
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.log(`\n[bench] REALTALK check skipped: ${dir} is not a folder`)
    return null
  }
  const texts: Halved = []
  for (const name of fs.readdirSync(dir).sort()) {
    const match = /^Chat_(\d+)_[^/]*\.json$/.exec(name)
    if (!match) continue
    const half = Number(match[1]) <= 4 ? 'dev' : 'sealed'
    const chat = JSON.parse(fs.readFileSync(`${dir}/${name}`, 'utf8')) as Record<string, unknown>
    for (const [key, turns] of Object.entries(chat)) {
      if (!/^session_\d+$/.test(key) || !Array.isArray(turns)) continue
      for (const turn of turns as { clean_text?: unknown }[]) {
        const text = typeof turn.clean_text === 'string' ? turn.clean_text.trim() : ''
        if (text) texts.push({ text, half })
      }
    }
  }
  return texts
}

/** With an OpenAI-compatible server configured (the fake one in tests), that the remote layer answers: wiring, not quality. */
async function remoteWiring() {
  if (!process.env.OPENAI_BASE_URL) return
  const texts = ['my new bank PIN is 4471', 'we had pizza on the beach yesterday', 'my therapist moved my appointment']
  const models = new Map<string, number>()
  let fallbacks = 0
  for (const text of texts) {
    const c = await classify(text, { now: NOW })
    models.set(c.model, (models.get(c.model) ?? 0) + 1)
    if (c.fallback_reason) fallbacks++
  }
  console.log(`\nremote layer (OPENAI_BASE_URL set; wiring only, not quality): ${texts.length} messages, answered by ${[...models].map(([m, n]) => `${m} ×${n}`).join(', ')}; ${fallbacks} fell back to the local model`)
}

// Start-up: the shipped weights, the word vectors and the lexicon's seeds, up to a first answer.
const started = performance.now()
const model = localModel()
model.predict(featurize('first message of the day', {}))
console.log(
  `local model ready in ${(performance.now() - started).toFixed(0)} ms (start-up: shipped weights, word vectors and lexicon loaded, first prediction made; ${model.examples} training messages; calibration a ${model.platt.a.toFixed(3)}, b ${model.platt.b.toFixed(3)}, prior shift ${model.platt.shift ?? 0})`,
)
const dlpRows = loadDlp()
const dailyDialog = loadDailyDialog()
const cv = await dlpCrossValidated(dailyDialog)
const unseen = await locomo()
const sms = loadEveryday()
const realtalk = loadRealtalk()
if (cv && dlpRows)
  tradeOff(cv, dlpRows, unseen, [
    { label: 'SMS', texts: sms },
    { label: 'REALTALK', texts: realtalk },
  ])
await presidio()
if (sms) await reportHalves(`outside everyday check (${process.env.MNEMO_BENCH_EVERYDAY}: ${sms.length} legitimate SMS, never trained on, none printed)`, sms, 'SMS')
if (realtalk) await reportHalves(`REALTALK everyday check (chats 1–10 of ${process.env.MNEMO_BENCH_REALTALK}, ${realtalk.length} turns, never trained on, none printed)`, realtalk, 'turns')
if (dailyDialog) {
  const sealed = dailyDialog.filter((line) => line.half === 'sealed')
  await reportHalves(`DailyDialog++ everyday check (${process.env.MNEMO_BENCH_DAILYDIALOG}, test.json: ${sealed.length} dialogue lines, never trained on, none printed; its dev half is training data)`, sealed, 'lines')
}
const spread = (xs: number[]) => {
  xs.sort((a, b) => a - b)
  return `p50 ${percentile(xs, 50).toFixed(2)} ms, p95 ${percentile(xs, 95).toFixed(2)} ms, p99 ${percentile(xs, 99).toFixed(2)} ms`
}
console.log(`\ntime per message (shipped model, the full local classification incl. detectors, time, entities and sentiment; ${latencies.length} LoCoMo and presidio messages):`)
console.log(`  wall clock ${spread(latencies)}`)
console.log(`  CPU time   ${spread(cpu)}   (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores during the run)`)
await remoteWiring()
