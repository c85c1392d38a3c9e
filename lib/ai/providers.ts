// One place for AI models, behind stable aliases. With OPENAI_API_KEY or OPENAI_BASE_URL the
// aliases point at @ai-sdk/openai (any OpenAI-compatible server, through its chat API);
// otherwise they are null and mnemo's local models answer. Tests swap the aliases for
// `ai/test` mock models.
import { createOpenAI } from '@ai-sdk/openai'
import type { EmbeddingModel, LanguageModel } from 'ai'

export type ModelAlias = 'classifier-model' | 'digest-model'

const overrides = new Map<ModelAlias, LanguageModel | null>()

const DEFAULT_IDS: Record<ModelAlias, string> = {
  'classifier-model': process.env.MNEMO_CLASSIFIER_MODEL ?? 'gpt-4o-mini',
  'digest-model': process.env.MNEMO_DIGEST_MODEL ?? 'gpt-4o-mini',
}

export function remoteConfigured(): boolean {
  return Boolean(process.env.OPENAI_API_KEY?.trim() || process.env.OPENAI_BASE_URL?.trim())
}

/** The language model behind an alias, or null when only the local models are available. */
export function languageModel(alias: ModelAlias): LanguageModel | null {
  if (overrides.has(alias)) return overrides.get(alias) ?? null
  if (!remoteConfigured()) return null
  const provider = createOpenAI({
    apiKey: process.env.OPENAI_API_KEY?.trim() || 'not-needed-for-a-local-server',
    baseURL: process.env.OPENAI_BASE_URL?.trim() || undefined,
  })
  return provider.chat(DEFAULT_IDS[alias])
}

/** A readable id of the model behind an alias (`openai:gpt-4o-mini`). */
export function modelLabel(model: LanguageModel): string {
  if (typeof model === 'string') return model
  return `${model.provider.split('.')[0]}:${model.modelId}`
}

/** Tests: point an alias at a mock model (null: local only); `undefined` restores it. */
export function setModelForTests(alias: ModelAlias, model: LanguageModel | null | undefined) {
  if (model === undefined) overrides.delete(alias)
  else overrides.set(alias, model)
}

let embeddingOverride: EmbeddingModel | null | undefined

/** The remote embedding model (`text-embedding-3-small` at 384 dimensions), or null: local. */
export function remoteEmbeddingModel(): EmbeddingModel | null {
  if (embeddingOverride !== undefined) return embeddingOverride
  if (!remoteConfigured()) return null
  const provider = createOpenAI({
    apiKey: process.env.OPENAI_API_KEY?.trim() || 'not-needed-for-a-local-server',
    baseURL: process.env.OPENAI_BASE_URL?.trim() || undefined,
  })
  return provider.embedding(process.env.MNEMO_EMBEDDING_MODEL ?? 'text-embedding-3-small')
}

/** Tests: point the embedding alias at a mock model (null: local); `undefined` restores it. */
export function setEmbeddingModelForTests(model: EmbeddingModel | null | undefined) {
  embeddingOverride = model
}
