// The local classifier, trained once per process from the corpus (lazily, or at start-up).
import { detect } from './detectors'
import { featurize, type FeatureHints } from './features'
import { loadCorpus, trainOnExamples, type LocalModel } from './model'
import { findTimeExpressions, timeDirection } from './time'

export const LOCAL_MODEL_ID = 'local:logreg-v1'

/** Hints the model sees besides the words (detector kinds, time direction). */
export function hintsFor(text: string, now = new Date(), timeZone = 'UTC'): FeatureHints {
  return {
    detectors: [...new Set(detect(text).map((d) => d.kind))],
    time: timeDirection(findTimeExpressions(text, now, timeZone)),
  }
}

let model: LocalModel | undefined

export function localModel(): LocalModel {
  if (!model) {
    const reference = new Date('2026-01-15T12:00:00Z')
    model = trainOnExamples(loadCorpus(), (text) => hintsFor(text, reference))
  }
  return model
}

export { featurize }
