// npm run bench:search-quality — retrieval on LoCoMo (../shared/bench-data/locomo-dev.json):
// every turn of a conversation is one user's memory ("Speaker: text", dated by its session);
// every question of categories 1 (multi-hop), 2 (temporal) and 4 (single-hop) is searched, and
// recall@5 / @10 of its evidence turns is reported side by side for: hybrid search; full text
// alone as plain PostgreSQL does it (websearch_to_tsquery, ts_rank_cd); the full-text signal of
// the hybrid search alone (any word, with synonyms); its meaning signal alone; and a plain Okapi
// BM25 over the same turns.
import fs from 'node:fs'
import { sql } from 'drizzle-orm'
import { closeDatabase, installDatabase, openDatabase, rowsOf } from '@/db'
import { withUser } from '@/db/with-user'
import { registerUser } from '@/lib/accounts/register'
import type { Principal } from '@/lib/auth/principal'
import { SCOPES } from '@/lib/auth/scopes'
import { captureMemory } from '@/lib/memories'
import { search, type MatchKind } from '@/lib/search'
import { requireBenchData } from './data'

interface Turn {
  speaker: string
  dia_id: string
  text: string
}
interface Conversation {
  sample_id: string
  conversation: Record<string, unknown>
  qa: { question: string; evidence: string[]; category: number }[]
}

const file = requireBenchData('locomo-dev.json')
if (!file) process.exit(0)
const conversations = JSON.parse(fs.readFileSync(file, 'utf8')) as Conversation[]
const CATEGORIES: Record<number, string> = { 1: 'multi-hop', 2: 'temporal', 4: 'single-hop' }
const STOP = new Set('a an the and or of to in on at for with is are was were be been i you he she it we they my your his her our their me him them what when where who whom which how did do does that this there from as by about into than then so if not no'.split(' '))

function sessionDate(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined
  const m = /(\d{1,2}):(\d{2})\s*(am|pm) on (\d{1,2}) (\w+), (\d{4})/i.exec(raw)
  if (!m) return undefined
  const date = new Date(`${m[5]} ${m[4]}, ${m[6]} ${m[1]}:${m[2]} ${m[3]} UTC`)
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString()
}

function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => !STOP.has(t))
}

/** Okapi BM25 (k1 1.2, b 0.75) over a conversation's turns. */
function bm25(docs: { id: string; text: string }[]) {
  const tfs = docs.map((d) => {
    const tf = new Map<string, number>()
    for (const t of tokens(d.text)) tf.set(t, (tf.get(t) ?? 0) + 1)
    return { id: d.id, tf, length: [...tf.values()].reduce((a, b) => a + b, 0) }
  })
  const df = new Map<string, number>()
  for (const d of tfs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1)
  const avg = tfs.reduce((a, d) => a + d.length, 0) / tfs.length
  return (query: string, k: number) => {
    const q = tokens(query)
    return tfs
      .map((d) => {
        let score = 0
        for (const t of q) {
          const f = d.tf.get(t)
          if (!f) continue
          const idf = Math.log(1 + (tfs.length - df.get(t)! + 0.5) / (df.get(t)! + 0.5))
          score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * d.length) / avg))
        }
        return { id: d.id, score }
      })
      .filter((d) => d.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, k)
      .map((d) => d.id)
  }
}

const METHODS = {
  hybrid: 'hybrid',
  plain: 'plain full text',
  fts: 'fts signal',
  semantic: 'meaning signal',
  bm25: 'BM25',
} as const
type Method = keyof typeof METHODS
const hits = Object.fromEntries(Object.keys(METHODS).map((m) => [m, {}])) as Record<Method, Record<number, { at5: number; at10: number; n: number }>>

const handle = await openDatabase({})
await handle.migrate()
installDatabase(handle)
const started = Date.now()
let turnsTotal = 0
for (const [n, conv] of conversations.entries()) {
  const user = await registerUser({ phone: `+1415555${String(200 + n).padStart(4, '0')}`, password: 'locomo-bench-harbor-42' }, { ip: `10.0.0.${n}`, userAgent: 'bench', device: 'bench' })
  const principal: Principal = { user, kind: 'token', scopes: SCOPES, maxTierLevel: 1 }
  const byDia = new Map<string, string>()
  const docs: { id: string; text: string }[] = []
  for (const [key, value] of Object.entries(conv.conversation)) {
    if (!/^session_\d+$/.test(key) || !Array.isArray(value)) continue
    const occurredAt = sessionDate(conv.conversation[`${key}_date_time`])
    for (const turn of value as Turn[]) {
      const content = `${turn.speaker}: ${turn.text}`
      const { memory } = await captureMemory(principal, { content, tier: 'chronological', occurred_at: occurredAt, source: 'import' })
      byDia.set(turn.dia_id, memory.id)
      docs.push({ id: memory.id, text: content })
      turnsTotal++
    }
  }
  const rank = bm25(docs)
  for (const qa of conv.qa.filter((q) => CATEGORIES[q.category])) {
    const evidence = new Set(qa.evidence.map((e) => byDia.get(e)).filter(Boolean))
    if (evidence.size === 0) continue
    const run = async (signals?: MatchKind[]) =>
      (await search(principal, { query: qa.question.slice(0, 500), limit: 10, offset: 0, signals })).items.map((h) => h.memory.id)
    const plain = await withUser(user.id, async (tx) =>
      rowsOf<{ id: string }>(
        await tx.execute(sql`
          select id from memories
          where user_id = ${user.id} and deleted_at is null and search_vector @@ websearch_to_tsquery('english', ${qa.question})
          order by ts_rank_cd(search_vector, websearch_to_tsquery('english', ${qa.question})) desc limit 10`),
      ).map((r) => r.id),
    )
    const results: Record<Method, string[]> = {
      hybrid: await run(),
      plain,
      fts: await run(['fts']),
      semantic: await run(['semantic']),
      bm25: rank(qa.question, 10),
    }
    for (const method of Object.keys(results) as Method[]) {
      const row = (hits[method][qa.category] ??= { at5: 0, at10: 0, n: 0 })
      row.n++
      if (results[method].slice(0, 5).some((id) => evidence.has(id))) row.at5++
      if (results[method].slice(0, 10).some((id) => evidence.has(id))) row.at10++
    }
  }
}
console.log(`LoCoMo: ${conversations.length} conversations, ${turnsTotal} turns captured and searched in ${((Date.now() - started) / 1000).toFixed(0)} s`)
console.log('recall of an evidence turn in the top k (a question counts when any of its evidence turns is found)')
const methods = Object.keys(METHODS) as Method[]
console.log(`${'category'.padEnd(20)} ${methods.map((m) => `${METHODS[m]} @5 @10`.padEnd(24)).join('')}`)
const totals = Object.fromEntries(methods.map((m) => [m, { at5: 0, at10: 0, n: 0 }])) as Record<Method, { at5: number; at10: number; n: number }>
const cell = (r: { at5: number; at10: number; n: number }) => `${(r.at5 / r.n).toFixed(3)} ${(r.at10 / r.n).toFixed(3)}`.padEnd(24)
for (const category of [1, 2, 4]) {
  const row = methods.map((m) => {
    const r = hits[m][category] ?? { at5: 0, at10: 0, n: 1 }
    totals[m].at5 += r.at5
    totals[m].at10 += r.at10
    totals[m].n += r.n
    return cell(r)
  })
  console.log(`${`${category} ${CATEGORIES[category]} (${hits.hybrid[category]?.n ?? 0})`.padEnd(20)} ${row.join('')}`)
}
console.log(`${'all three'.padEnd(20)} ${methods.map((m) => cell(totals[m])).join('')}`)
const ratio = (m: Method) => (totals.hybrid.at10 / totals[m].at10).toFixed(2)
console.log(`hybrid recall@10 ÷ plain full text: ${ratio('plain')}×, ÷ its own fts signal alone: ${ratio('fts')}×, ÷ BM25: ${ratio('bm25')}×`)
await closeDatabase()
