// The evaluation protocol of the local classifier (docs/benchmarks.md, "Classifier"), shared by
// `npm run bench:classify` and `npm run calibrate:classifier`:
//  - the model trains on the hand-written corpus (lib/classify/corpus) plus the DLP dev rows,
//    plus the everyday dialogue lines of DailyDialog++'s dev half that a corpus-only model
//    already reads as ordinary (everydayTraining: self-training on real everyday text);
//  - every quality figure comes from 5-fold cross-validation over the DLP dev rows grouped by the
//    benchmark's `Point` (the 6 variants of one data point are never on both sides of a fold);
//    corpus lines are spread over the same folds, so calibration sees held-out corpus lines too;
//  - the Platt calibration is cross-fitted: fold k's probabilities are calibrated by a curve
//    fitted on the other folds' held-out predictions, never on its own;
//  - the prior shift (calibration.ts) is chosen on two LoCoMo conversations (LOCOMO_TUNING) and
//    nothing else; the other three are reported (a dev figure: see bench:classify).
import fs from 'node:fs'
import path from 'node:path'
import { calibrate, fitPlatt, sensitiveMass, type Platt } from '@/lib/classify/calibration'
import { decideTier } from '@/lib/classify/decide'
import { detect, detectorFloor } from '@/lib/classify/detectors'
import { featurize } from '@/lib/classify/features'
import { hintsFor } from '@/lib/classify/local'
import { loadCorpus, trainOnExamples, type LabelledExample, type LocalModel, type TrainOptions } from '@/lib/classify/model'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'
import { parseCsv, requireBenchData } from './data'

export const FOLDS = 5
const REFERENCE = new Date('2026-01-15T12:00:00Z')

export interface DlpRow {
  id: string
  category: string
  point: string
  positive: boolean
  subtype: string
  text: string
}

export function loadDlp(): DlpRow[] | null {
  const file = requireBenchData('dlp-dev.csv')
  if (!file) return null
  return parseCsv(fs.readFileSync(file, 'utf8')).map((r) => ({
    id: r['Example ID'],
    category: r.Category,
    point: r.Point,
    positive: r.Type === 'Positive',
    subtype: r.Subtype,
    text: r.Example,
  }))
}

/**
 * The tier a DLP row trains as: credentials and official numbers are secrets in the corpus's own
 * definitions, other sensitive rows confidential, negatives general.
 */
export function dlpTier(row: DlpRow): Tier {
  if (!row.positive) return 'general'
  return row.category === 'Authentication Data' || row.category === 'Identification Numbers' ? 'secret' : 'confidential'
}

/** Mulberry32, so the folds are the same in every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/** Fold of each DLP row (by its Point) and of each corpus line. */
export function assignFolds(dlp: readonly DlpRow[], corpus: readonly LabelledExample[]) {
  const points = shuffled([...new Set(dlp.map((r) => r.point))].sort(), 23)
  const pointFold = new Map(points.map((p, i) => [p, i % FOLDS]))
  const corpusOrder = shuffled(corpus.map((_, i) => i), 29)
  const corpusFold = new Array<number>(corpus.length)
  corpusOrder.forEach((index, i) => (corpusFold[index] = i % FOLDS))
  return { dlpFold: dlp.map((r) => pointFold.get(r.point) ?? 0), corpusFold }
}

export const hints = (text: string) => hintsFor(text, REFERENCE)

export function trainShipped(dlp: readonly DlpRow[], corpus = loadCorpus(), options?: TrainOptions): LocalModel {
  return trainOnExamples([...corpus, ...dlp.map((r) => ({ text: r.text, tier: dlpTier(r) }))], hints, options)
}

export const LOCOMO_TUNING = ['conv-26', 'conv-30']
/** The bound on everyday chat placed in tier >= 2 is 3 %; the tuning conversations must
 * stay under 2 %, a margin for chat the shift was not chosen on (at 3 % on the tuning turns, the
 * other three conversations came out at 3.7 %). */
export const EVERYDAY_PROTECTED_TARGET = 0.02

export function loadLocomo(): { conv: string; text: string }[] | null {
  const file = requireBenchData('locomo-dev.json')
  if (!file) return null
  const conversations = JSON.parse(fs.readFileSync(file, 'utf8')) as { sample_id: string; conversation: Record<string, unknown> }[]
  return conversations.flatMap(({ sample_id, conversation }) =>
    Object.entries(conversation)
      .filter(([key, value]) => /^session_\d+$/.test(key) && Array.isArray(value))
      .flatMap(([, value]) => (value as { text: string }[]).map((turn) => ({ conv: sample_id, text: turn.text }))),
  )
}

/** A model's raw tier probabilities for a message, with the detectors' floor: all a decision needs. */
export interface Scored {
  probs: number[]
  floor: Tier | null
}

export function score(model: LocalModel, text: string): Scored {
  return { probs: model.predictRaw(featurize(text, hints(text))), floor: detectorFloor(detect(text)) }
}

/** Whether the decision rules of DESIGN.md 3 put a message in a protected tier under this calibration. */
export function isProtected(s: Scored, platt: Platt): boolean {
  return TIER_LEVEL[decideTier({ probabilities: calibrate(s.probs, platt), floor: s.floor }).tier] >= 2
}

export const SHIFTS = Array.from({ length: 13 }, (_, i) => -i * 0.25)

/** The smallest prior shift that keeps the tuning conversations' protected share within EVERYDAY_PROTECTED_TARGET. */
export function chooseShift(tuning: readonly Scored[], platt: Platt): number {
  for (const shift of SHIFTS) {
    const share = tuning.filter((s) => isProtected(s, { ...platt, shift })).length / tuning.length
    if (share <= EVERYDAY_PROTECTED_TARGET) return shift
  }
  return SHIFTS[SHIFTS.length - 1]
}

export interface CrossValidation {
  dlpFold: number[]
  /** One model per fold, trained without that fold, calibrated on the other folds' held-out predictions. */
  models: LocalModel[]
  /** The Platt curve fitted on all held-out predictions: the one the shipped model carries. */
  platt: Platt
  /** Raw held-out probability of needing protection, per DLP row and per corpus line. */
  dlpRaw: number[]
  /** Held-out raw tier probabilities and floors of the DLP rows. */
  dlpScored: Scored[]
  corpusRaw: number[]
  corpus: LabelledExample[]
  corpusFold: number[]
}

export function crossValidate(
  dlp: readonly DlpRow[],
  log: (line: string) => void = () => {},
  options?: TrainOptions,
  everyday: readonly LabelledExample[] = [],
): CrossValidation {
  const corpus = [...loadCorpus(), ...everyday]
  const { dlpFold, corpusFold } = assignFolds(dlp, corpus)
  const raw: LocalModel[] = []
  const dlpRaw = new Array<number>(dlp.length)
  const dlpScored = new Array<Scored>(dlp.length)
  const corpusRaw = new Array<number>(corpus.length)
  for (let f = 0; f < FOLDS; f++) {
    const started = performance.now()
    const train = [
      ...corpus.filter((_, i) => corpusFold[i] !== f),
      ...dlp.filter((_, i) => dlpFold[i] !== f).map((r) => ({ text: r.text, tier: dlpTier(r) })),
    ]
    const model = trainOnExamples(train, hints, options)
    raw.push(model)
    dlp.forEach((r, i) => {
      if (dlpFold[i] !== f) return
      dlpScored[i] = score(model, r.text)
      dlpRaw[i] = sensitiveMass(dlpScored[i].probs)
    })
    corpus.forEach((e, i) => {
      if (corpusFold[i] === f) corpusRaw[i] = sensitiveMass(model.predictRaw(featurize(e.text, hints(e.text))))
    })
    log(`  fold ${f + 1}/${FOLDS}: trained on ${train.length} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  const points = (exclude: number) => [
    ...dlp.flatMap((r, i) => (dlpFold[i] === exclude ? [] : [{ raw: dlpRaw[i], sensitive: r.positive }])),
    ...corpus.flatMap((e, i) => (corpusFold[i] === exclude ? [] : [{ raw: corpusRaw[i], sensitive: TIER_LEVEL[e.tier] >= 2 }])),
  ]
  const models = raw.map((m, f) => m.withPlatt(fitPlatt(points(f))))
  return { dlpFold, models, platt: fitPlatt(points(-1)), dlpRaw, dlpScored, corpusRaw, corpus, corpusFold }
}

/** FNV-1a of a message's normalised text: which half of the outside everyday set it falls in. */
export function everydayHalf(text: string): 'dev' | 'sealed' {
  let h = 0x811c9dc5
  for (const ch of text.trim().toLowerCase()) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0
  return h % 2 === 0 ? 'dev' : 'sealed'
}

/** A line of DailyDialog++ (bench:classify's third outside everyday set), with its half and DailyDialog topic. */
export interface DialogueLine {
  text: string
  half: 'dev' | 'sealed'
  topic: string | null
}

/**
 * DailyDialog++ (Sai et al. 2020, github.com/iitmnlp/DailyDialog-plusplus; the dialogues are
 * DailyDialog's, Li et al. 2017, CC BY-NC-SA 4.0), from the `dataset` folder MNEMO_BENCH_DAILYDIALOG
 * names: every context turn and positive response, each distinct line once. `test-v1.0.json`
 * (contexts with DailyDialog's topic) is the dev half, `test.json` the sealed half, never read
 * or trained on. Null when the folder is not given or lacks either file.
 */
export function loadDailyDialog(dir = process.env.MNEMO_BENCH_DAILYDIALOG): DialogueLine[] | null {
  if (!dir) return null
  const topical = path.join(dir, 'test-v1.0.json')
  const more = path.join(dir, 'test.json')
  if (!fs.existsSync(topical) || !fs.existsSync(more)) return null
  const seen = new Set<string>()
  const lines: DialogueLine[] = []
  const add = (raw: unknown, half: DialogueLine['half'], topic: string | null) => {
    const text = typeof raw === 'string' ? raw.replace(/^Speaker [AB]: /, '').trim() : ''
    if (!text || seen.has(text)) return
    seen.add(text)
    lines.push({ text, half, topic })
  }
  const byTopic = JSON.parse(fs.readFileSync(topical, 'utf8')) as {
    data: { title: string; paragraphs: { context: string; responses: { text: string; label: string }[] }[] }[]
  }
  for (const { title, paragraphs } of byTopic.data)
    for (const { context, responses } of paragraphs) {
      for (const turn of context.split(/\n\n+/)) add(turn, 'dev', title)
      for (const response of responses) if (response.label.startsWith('1')) add(response.text, 'dev', title)
    }
  for (const line of fs.readFileSync(more, 'utf8').split('\n')) {
    if (!line.trim()) continue
    const row = JSON.parse(line) as { context?: unknown[]; positive_responses?: unknown[] }
    for (const turn of row.context ?? []) add(turn, 'sealed', null)
    for (const response of row.positive_responses ?? []) add(response, 'sealed', null)
  }
  return lines
}

/** Topics whose dialogues are about private matters by the tiers' own definitions: never learned as ordinary. */
export const PRIVATE_TOPICS = ['Health', 'Finance']

/** Self-training keeps only confident pseudo-labels: a line half-way to private is not taught as ordinary. */
export const ORDINARY_BELOW = 0.2

/** A machine-labelled line counts for this much of a hand-labelled one. */
export const EVERYDAY_WEIGHT = 0.3

let corpusOnly: LocalModel | undefined
/** P(needs protection) by a model of the hand-written corpus alone (no benchmark row): the self-training filter. */
function corpusOnlyMass(text: string): number {
  corpusOnly ??= trainOnExamples(loadCorpus(), hints)
  return sensitiveMass(corpusOnly.predictRaw(featurize(text, hints(text))))
}

/**
 * Real everyday dialogue as tier-1 training lines (self-training): the dev half's lines outside
 * PRIVATE_TOPICS that a model of the corpus alone confidently reads as ordinary (P(needs
 * protection) < ORDINARY_BELOW), in chronological when they hold a time expression and general
 * otherwise. They teach the model the breadth of ordinary talk, so phrasings no corpus line
 * covers ("It's 60 yuan, please.", "I think I can manage.") stop scoring as private; a line the
 * filter finds even half-way private is left out rather than taught as ordinary. Sealed lines
 * are never used.
 */
export function everydayTraining(lines: readonly DialogueLine[], mass: (text: string) => number = corpusOnlyMass): LabelledExample[] {
  return lines
    .filter((line) => line.half === 'dev' && line.topic !== null && !PRIVATE_TOPICS.includes(line.topic))
    .filter((line) => mass(line.text) < ORDINARY_BELOW)
    .map((line) => ({ text: line.text, tier: hints(line.text).time ? 'chronological' : 'general', weight: EVERYDAY_WEIGHT }))
}
