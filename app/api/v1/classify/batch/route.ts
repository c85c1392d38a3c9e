import { ANY_TOKEN, authenticate } from '@/lib/auth/principal'
import { fieldErrorsOf, json, readJson, route } from '@/lib/http/route'
import { classifyBatchForUser } from '@/lib/memories/classify-only'
import { batchItemSchema, batchSchema } from '@/lib/classify/schema'

/** 100 items of 10,000 characters each, at up to 4 bytes of UTF-8 per character. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024

/** Up to 100 items, results in order; an invalid item is an error in its place. */
export const POST = route(async (request) => {
  const principal = await authenticate(request, { scope: ANY_TOKEN })
  const { items } = await readJson(request, batchSchema, 'classify', { maxBytes: MAX_BATCH_BYTES })
  const parsed = items.map((item) => batchItemSchema.safeParse(item))
  const valid = parsed.flatMap((p, index) => (p.success ? [{ index, item: p.data }] : []))
  const classified = await classifyBatchForUser(principal, valid.map((v) => v.item))
  const results: unknown[] = parsed.map((p) =>
    p.success ? null : { error: { code: 'bad_request:classify', message: 'This item is not valid.', fields: fieldErrorsOf(p.error) } },
  )
  valid.forEach((v, i) => {
    const r = classified[i]
    results[v.index] = r.ok ? r.classification : { error: r.error }
  })
  return json({ results })
})
