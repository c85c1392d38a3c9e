// npm run bench:search-quality — retrieval on LoCoMo (../shared/bench-data/locomo-dev.json):
// every turn of a conversation is one user's memory ("Speaker: text", dated by its session);
// every question of categories 1 (multi-hop), 2 (temporal) and 4 (single-hop) is searched, and
// recall@5 / @10 of its evidence turns is reported for hybrid search, full text alone, and a
// plain Okapi BM25 over the same turns, side by side.
import fs from 'node:fs'
import { closeDatabase, installDatabase, openDatabase } from '@/db'
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

type Method = 'hybrid' | 'fulltext' | 'bm25'
const hits: Record<Method, Record<number, { at5: number; at10: number; n: number }>> = { hybrid: {}, fulltext: {}, bm25: {} }

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
    const results: Record<Method, string[]> = { hybrid: await run(), fulltext: await run(['fts']), bm25: rank(qa.question, 10) }
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
console.log(`${'category'.padEnd(22)} ${'hybrid @5  @10'.padEnd(18)} ${'full text @5  @10'.padEnd(20)} BM25 @5  @10`)
const totals: Record<Method, { at5: number; at10: number; n: number }> = { hybrid: { at5: 0, at10: 0, n: 0 }, fulltext: { at5: 0, at10: 0, n: 0 }, bm25: { at5: 0, at10: 0, n: 0 } }
for (const category of [1, 2, 4]) {
  const cell = (m: Method) => {
    const r = hits[m][category] ?? { at5: 0, at10: 0, n: 1 }
    totals[m].at5 += r.at5
    totals[m].at10 += r.at10
    totals[m].n += r.n
    return `${(r.at5 / r.n).toFixed(3)} ${(r.at10 / r.n).toFixed(3)}`
  }
  const n = hits.hybrid[category]?.n ?? 0
  console.log(`${`${category} ${CATEGORIES[category]} (${n})`.padEnd(22)} ${cell('hybrid').padEnd(18)} ${cell('fulltext').padEnd(20)} ${cell('bm25')}`)
}
const all = (m: Method) => `${(totals[m].at5 / totals[m].n).toFixed(3)} ${(totals[m].at10 / totals[m].n).toFixed(3)}`
console.log(`${'all three'.padEnd(22)} ${all('hybrid').padEnd(18)} ${all('fulltext').padEnd(20)} ${all('bm25')}`)
console.log(`hybrid recall@10 / full text recall@10: ${(totals.hybrid.at10 / totals.fulltext.at10).toFixed(2)}×`)
await closeDatabase()
