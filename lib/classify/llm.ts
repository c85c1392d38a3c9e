// The remote LLM layer: a structured answer validated by zod, within a time budget, with
// retries and backoff (the AI SDK's), and null on any failure so the local model answers.
import { generateText, Output, type LanguageModel } from 'ai'
import { countRemoteCall } from '@/lib/metrics'
import { classificationPrompt } from '@/lib/ai/prompts'
import { llmClassificationSchema, type LlmClassification } from './schema'

/** The time budget of one classification by the LLM, retries included (default 2 s). */
export function llmClassifyTimeoutMs(): number {
  return Number(process.env.MNEMO_CLASSIFY_TIMEOUT_MS ?? 2_000)
}

export type LlmOutcome = { ok: true; answer: LlmClassification } | { ok: false; reason: string }

export async function classifyWithLlm(model: LanguageModel, content: string, context?: string): Promise<LlmOutcome> {
  try {
    const result = await generateText({
      model,
      output: Output.object({ schema: llmClassificationSchema }),
      prompt: classificationPrompt(content, context),
      temperature: 0,
      maxRetries: 2,
      abortSignal: AbortSignal.timeout(llmClassifyTimeoutMs()),
    })
    const parsed = llmClassificationSchema.safeParse(result.output)
    if (!parsed.success) {
      countRemoteCall('classify', 'invalid')
      return { ok: false, reason: 'the model answered outside the schema' }
    }
    countRemoteCall('classify', 'ok')
    return { ok: true, answer: parsed.data }
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error'
    const timedOut = name === 'TimeoutError' || name === 'AbortError'
    countRemoteCall('classify', timedOut ? 'timeout' : 'error')
    const reason = timedOut ? 'the model did not answer in time' : `the model call failed (${name})`
    return { ok: false, reason }
  }
}
