// Captures of one user at the same moment (the offline queue replaying while the person types,
// an import) must all succeed: each writes its words to memory_terms, and two transactions that
// took those rows in different orders deadlocked (193 of 788 captures of the LoCoMo replay below
// answered 500). Runs when DATABASE_URL names a server (vitest.config.ts): PGlite runs one
// transaction at a time.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { POST as capture } from '@/app/api/v1/memories/route'
import { createUser } from '../../fixtures/accounts'
import { setupTestDatabase } from '../../fixtures/db'
import { call } from '../../fixtures/http'
import { tokenFor } from '../../fixtures/principal'

setupTestDatabase()

const CLIENTS = 16

/** Runs `work` over `items` with `clients` requests in flight; answers the statuses in order. */
async function replay<T>(items: readonly T[], clients: number, work: (item: T) => Promise<number>): Promise<number[]> {
  const statuses = new Array<number>(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < items.length) {
        const index = next++
        statuses[index] = await work(items[index])
      }
    }),
  )
  return statuses
}

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1
  return counts
}

/** The turns of the first two LoCoMo conversations (../shared/bench-data, or MNEMO_BENCH_DATA). */
function locomoTurns(): string[] {
  const file = path.resolve(process.env.MNEMO_BENCH_DATA ?? path.join('..', 'shared', 'bench-data'), 'locomo-dev.json')
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: this test replays LoCoMo (set MNEMO_BENCH_DATA)`)
  const samples = JSON.parse(fs.readFileSync(file, 'utf8')) as { conversation: Record<string, unknown> }[]
  return samples.slice(0, 2).flatMap(({ conversation }) =>
    Object.keys(conversation)
      .filter((key) => /^session_\d+$/.test(key))
      .sort((a, b) => Number(a.split('_')[1]) - Number(b.split('_')[1]))
      .flatMap((key) => (conversation[key] as { speaker: string; text: string }[]).map((turn) => `${turn.speaker}: ${turn.text}`)),
  )
}

/** Texts sharing many words in shuffled orders: the pattern that deadlocked. */
function variedTexts(count: number, words: readonly string[]): string[] {
  let seed = 7
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
  return Array.from({ length: count }, (_, i) => {
    const length = 6 + Math.floor(random() * 14)
    const picked = Array.from({ length }, () => words[Math.floor(random() * words.length)])
    return `${picked.join(' ')} (${i})`
  })
}

async function captureAll(texts: readonly string[]) {
  const user = await createUser()
  const token = await tokenFor(user, 'general', ['memories:write'])
  return replay(texts, CLIENTS, async (content) => (await call(capture, 'POST', '/api/v1/memories', { token, body: { content, tier: 'general' } })).status)
}

describe('concurrent captures of one account', () => {
  it('the LoCoMo replay with 16 clients: every turn is stored', { timeout: 600_000 }, async () => {
    const turns = locomoTurns()
    expect(turns.length).toBeGreaterThan(700)
    const statuses = await captureAll(turns)
    expect(tally(statuses)).toEqual({ 201: turns.length })
  })

  it('2,000 captures of varied text with 16 clients: every one answers 201', { timeout: 900_000 }, async () => {
    const words = [...new Set(locomoTurns().join(' ').toLowerCase().match(/\p{L}{3,12}/gu) ?? [])].slice(0, 400)
    const texts = variedTexts(2_000, words)
    const statuses = await captureAll(texts)
    expect(tally(statuses)).toEqual({ 201: texts.length })
  })
})
