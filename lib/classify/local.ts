// The local classifier. Normally the shipped weights (weights.ts: trained on the corpus and the
// DLP dev rows, calibrated on held-out folds, loaded in milliseconds). When they do not match the
// corpus or the features (someone changed either and has not run `npm run calibrate:classifier`),
// it trains on the corpus alone, uncalibrated, and keeps that in a cache file keyed by the
// corpus, the classifier's code and the word vectors.
import { logWarning } from '@/lib/log'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { wordVectorsFile } from '@/lib/embeddings/word-vectors'
import { TIERS } from '@/lib/tiers'
import { detect } from './detectors'
import { featurize, TOTAL_FEATURES, type FeatureHints } from './features'
import { CORPUS_DIR, LocalModel, loadCorpus, trainOnExamples } from './model'
import { findTimeExpressions, timeDirection } from './time'
import { readShippedWeights } from './weights'

export const LOCAL_MODEL_ID = 'local:logreg-v2'

/** Hints the model sees besides the words (detector kinds, time direction). */
export function hintsFor(text: string, now = new Date(), timeZone = 'UTC'): FeatureHints {
  return {
    detectors: [...new Set(detect(text).map((d) => d.kind))],
    time: timeDirection(findTimeExpressions(text, now, timeZone)),
  }
}

function cacheKey(): string {
  const hash = createHash('sha256')
  for (const tier of TIERS) hash.update(fs.readFileSync(path.join(CORPUS_DIR, `${tier}.txt`)))
  for (const dir of [path.join(process.cwd(), 'lib', 'classify'), path.join(process.cwd(), 'lib', 'classify', 'detectors')]) {
    try {
      for (const file of fs.readdirSync(/*turbopackIgnore: true*/ dir).filter((f) => f.endsWith('.ts')).sort()) {
        hash.update(fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, file)))
      }
    } catch {
      // a deployment without sources: the corpus and vectors still key the cache
    }
  }
  try {
    hash.update(String(fs.statSync(wordVectorsFile()).size))
  } catch {
    hash.update('no-vectors')
  }
  return hash.digest('hex').slice(0, 16)
}

function cacheFile(key: string): string {
  return path.join(process.cwd(), 'node_modules', '.cache', 'mnemo', `classifier-${key}.bin`)
}

function readCache(file: string): LocalModel | null {
  try {
    const buffer = fs.readFileSync(file)
    const k = TIERS.length
    const floats = new Float32Array(buffer.buffer, buffer.byteOffset + 4, (buffer.length - 4) / 4)
    if (floats.length !== k * TOTAL_FEATURES + k) return null
    return new LocalModel(floats.subarray(0, k * TOTAL_FEATURES), floats.subarray(k * TOTAL_FEATURES), buffer.readUInt32LE(0))
  } catch {
    return null
  }
}

function writeCache(file: string, model: LocalModel) {
  try {
    const { weights, bias } = model.parameters()
    const head = Buffer.alloc(4)
    head.writeUInt32LE(model.examples)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    fs.writeFileSync(tmp, Buffer.concat([head, Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength), Buffer.from(bias.buffer, bias.byteOffset, bias.byteLength)]))
    fs.renameSync(tmp, file)
  } catch (error) {
    logWarning('caching the trained classifier', error)
  }
}

let model: LocalModel | undefined

export function localModel(): LocalModel {
  if (!model) model = readShippedWeights() ?? undefined
  if (!model) {
    console.warn('[mnemo] the shipped classifier weights do not match the corpus or the features; training on the corpus alone (run `npm run calibrate:classifier`)')
    const file = cacheFile(cacheKey())
    model = readCache(file) ?? undefined
    if (!model) {
      const reference = new Date('2026-01-15T12:00:00Z')
      model = trainOnExamples(loadCorpus(), (text) => hintsFor(text, reference))
      writeCache(file, model)
    }
  }
  return model
}

export { featurize }
