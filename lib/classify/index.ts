// The classifier of DESIGN.md 3: explicit markers, detectors with proofs, time expressions,
// the local statistical model with the user's corrections, and an LLM when one is configured;
// plus sentiment, tags and named entities. Pure: it stores nothing.
import { logError } from '@/lib/log'
import { observeClassification, secondsSince } from '@/lib/metrics'
import { languageModel, modelLabel } from '@/lib/ai/providers'
import { TIER_LEVEL, TIERS, type Tier } from '@/lib/tiers'
import { correctedTier, type CorrectionExample } from './corrections'
import { decideTier } from './decide'
import { detect, detectorFloor } from './detectors'
import { findEntities, type NamedEntities } from './entities'
import { featurize, type SparseVector } from './features'
import { classifyWithLlm } from './llm'
import { LOCAL_MODEL_ID, localModel } from './local'
import { explicitTier } from './markers'
import type { LocalModel } from './model'
import { analyzeSentiment, type Emotion } from './sentiment'
import { suggestTags } from './tags'
import { findTimeExpressions, timeDirection, type TimeExpression } from './time'
import type { Detection } from './types'

export type { CorrectionExample } from './corrections'
export type { Detection } from './types'
export { featurize } from './features'
export { hintsFor } from './local'

export interface ClassifyContext {
  /** The capture time; time expressions are read relative to it. */
  now?: Date
  timeZone?: string
  /** The user's tags, most used first: reused before new ones. */
  existingTags?: readonly string[]
  /** The user's corrections (already decrypted). */
  corrections?: readonly CorrectionExample[]
  /** Where the user wants captures the classifier cannot place. */
  defaultTier?: Tier
  /** Free text the caller adds (e.g. "from a chat with my bank"). */
  context?: string
  /** false: never call a remote LLM (batch jobs, benchmarks). */
  allowRemote?: boolean
  /** Another local model than the shipped one: the benchmark passes each cross-validation fold's. */
  localModel?: LocalModel
}

export interface Classification {
  tier: Tier
  security_level: 1 | 2 | 3 | 4
  confidence: number
  reasoning: string
  tags: string[]
  emotion: Emotion
  entities: NamedEntities & { times: TimeExpression[] }
  detectors: Omit<Detection, never>[]
  /** Which model decided: `marker`, `local:logreg-v2`, `openai:gpt-4o-mini`, … */
  model: string
  /** When a past time expression dates the event ("yesterday"), its instant. */
  occurred_at: string | null
  /** Set when a configured LLM failed and the local model answered instead. */
  fallback_reason?: string
}

function describeDetections(detections: Detection[]): string | null {
  if (detections.length === 0) return null
  const reasons = [...new Set(detections.map((d) => d.reason))].slice(0, 3)
  return `Found ${reasons.join('; ')}.`
}

export async function classify(content: string, ctx: ClassifyContext = {}): Promise<Classification> {
  const started = performance.now()
  const classification = await classifyNow(content, ctx)
  observeClassification({ model: classification.model, seconds: secondsSince(started) })
  return classification
}

async function classifyNow(content: string, ctx: ClassifyContext): Promise<Classification> {
  const now = ctx.now ?? new Date()
  const timeZone = ctx.timeZone ?? 'UTC'
  const detections = detect(content)
  const floor = detectorFloor(detections)
  const times = findTimeExpressions(content, now, timeZone)
  const direction = timeDirection(times)
  const vector: SparseVector = featurize(content, { detectors: [...new Set(detections.map((d) => d.kind))], time: direction })
  const emotion = analyzeSentiment(content)
  const named = findEntities(content)
  // The day it happened: a past expression that names one ("this year" names no day to show).
  const pastEvent = times.find((t) => t.direction === 'past' && !t.coarse)

  const base = {
    emotion,
    entities: { ...named, times },
    detectors: detections,
    occurred_at: pastEvent?.date ?? null,
  }

  const marker = explicitTier(content)
  if (marker) {
    return {
      ...base,
      tier: marker,
      security_level: TIER_LEVEL[marker],
      confidence: 1,
      reasoning: `You marked it #${marker}.`,
      tags: suggestTags(content, ctx.existingTags),
      model: 'marker',
    }
  }

  const floorConfidence = Math.max(0, ...detections.filter((d) => d.floor === floor).map((d) => d.confidence))
  const corrected = correctedTier(vector, ctx.corrections ?? [])
  const detectorNote = describeDetections(detections)

  const remote = ctx.allowRemote === false ? null : languageModel('classifier-model')
  let fallbackReason: string | undefined
  if (remote) {
    const outcome = await classifyWithLlm(remote, content, ctx.context)
    if (outcome.ok) {
      const { answer } = outcome
      const probabilities = TIERS.map((t) => (t === answer.tier ? answer.confidence : (1 - answer.confidence) / (TIERS.length - 1)))
      const decision = decideTier({ probabilities, floor, floorConfidence, defaultTier: ctx.defaultTier, corrected })
      return {
        ...base,
        tier: decision.tier,
        security_level: TIER_LEVEL[decision.tier],
        confidence: decision.confidence,
        reasoning: [answer.reasoning, detectorNote, ...decision.notes.filter((n) => !n.startsWith('The model'))].filter(Boolean).join(' '),
        tags: [...new Set([...suggestTags(content, ctx.existingTags), ...answer.tags.map((t) => t.toLowerCase())])].slice(0, 5),
        model: modelLabel(remote),
      }
    }
    fallbackReason = outcome.reason
  }

  const probabilities = (ctx.localModel ?? localModel()).predict(vector)
  const decision = decideTier({ probabilities, floor, floorConfidence, defaultTier: ctx.defaultTier, corrected })
  const timeNote = direction && decision.tier === 'chronological' ? `It mentions a time ("${times[0].text}").` : null
  return {
    ...base,
    tier: decision.tier,
    security_level: TIER_LEVEL[decision.tier],
    confidence: decision.confidence,
    reasoning: [detectorNote, timeNote, ...decision.notes, fallbackReason ? `(The configured LLM was not used: ${fallbackReason}.)` : null]
      .filter(Boolean)
      .join(' '),
    tags: suggestTags(content, ctx.existingTags),
    model: corrected ? `${LOCAL_MODEL_ID}+corrections` : LOCAL_MODEL_ID,
    ...(fallbackReason ? { fallback_reason: fallbackReason } : {}),
  }
}

export type BatchResult = { ok: true; classification: Classification } | { ok: false; error: { code: string; message: string } }

/** Up to 100 items with bounded concurrency; one failing item is reported in its place. */
export async function classifyBatch(
  items: readonly { content: string; context?: string }[],
  ctx: ClassifyContext = {},
  concurrency = 8,
): Promise<BatchResult[]> {
  const results = new Array<BatchResult>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      try {
        results[index] = { ok: true, classification: await classify(items[index].content, { ...ctx, context: items[index].context }) }
      } catch (error) {
        logError('batch classification item', error)
        results[index] = { ok: false, error: { code: 'internal:classify', message: 'This item could not be classified.' } }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  return results
}
