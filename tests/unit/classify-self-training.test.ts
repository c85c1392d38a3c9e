// Self-training on real everyday dialogue (scripts/bench/classify-protocol.ts): which DailyDialog++
// lines the shipped model may learn as ordinary, and how much a machine-labelled line counts.
// The sealed half is never learned, nor a line about a private topic or one a corpus-only model
// does not confidently read as ordinary.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { featurize } from '@/lib/classify/features'
import { train } from '@/lib/classify/model'
import { EVERYDAY_WEIGHT, everydayTraining, loadDailyDialog, ORDINARY_BELOW, type DialogueLine } from '../../scripts/bench/classify-protocol'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-dd-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const topical = {
  version: 'v1.0',
  data: [
    {
      title: 'Ordinary Life',
      paragraphs: [
        {
          context: 'Speaker A: Shall we get a pizza tonight?\n\nSpeaker B: Yes, with extra olives.',
          responses: [
            { text: 'Sounds perfect to me.', id: 1, label: '1 (Positive Response)' },
            { text: 'The train leaves at noon.', id: 2, label: '0 (Random Negative Response)' },
            { text: 'Yes, with extra olives.', id: 3, label: '1 (Positive Response)' },
          ],
        },
      ],
    },
    {
      title: 'Health',
      paragraphs: [{ context: 'Speaker A: My back has hurt for weeks.', responses: [{ text: 'You should see someone.', id: 4, label: '1 (Positive Response)' }] }],
    },
  ],
}
const sealedRows = [{ id: 9, context: ['Where is the station?', 'Shall we get a pizza tonight?'], positive_responses: ['Two streets down.'] }]

function writeFixture(into: string) {
  fs.writeFileSync(path.join(into, 'test-v1.0.json'), JSON.stringify(topical))
  fs.writeFileSync(path.join(into, 'test.json'), sealedRows.map((r) => JSON.stringify(r)).join('\n') + '\n')
}

describe('loadDailyDialog', () => {
  writeFixture(dir)

  it('reads every context turn and positive response once, without speaker labels, with its half and topic', () => {
    const lines = loadDailyDialog(dir)!
    expect(lines).toEqual([
      { text: 'Shall we get a pizza tonight?', half: 'dev', topic: 'Ordinary Life' },
      { text: 'Yes, with extra olives.', half: 'dev', topic: 'Ordinary Life' },
      { text: 'Sounds perfect to me.', half: 'dev', topic: 'Ordinary Life' },
      { text: 'My back has hurt for weeks.', half: 'dev', topic: 'Health' },
      { text: 'You should see someone.', half: 'dev', topic: 'Health' },
      // A sealed line already met in the dev half stays in the dev half: it is counted once.
      { text: 'Where is the station?', half: 'sealed', topic: null },
      { text: 'Two streets down.', half: 'sealed', topic: null },
    ])
    expect(lines.some((l) => l.text === 'The train leaves at noon.')).toBe(false)
  })

  it('is absent without a folder, or when a file is missing', () => {
    expect(loadDailyDialog(undefined)).toBeNull()
    const partial = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-dd-partial-'))
    fs.writeFileSync(path.join(partial, 'test-v1.0.json'), JSON.stringify(topical))
    expect(loadDailyDialog(partial)).toBeNull()
    fs.rmSync(partial, { recursive: true, force: true })
  })
})

describe('everydayTraining', () => {
  const lines: DialogueLine[] = [
    { text: 'Shall we get a pizza tonight?', half: 'dev', topic: 'Ordinary Life' },
    { text: 'Nice to meet you.', half: 'dev', topic: 'Relationship' },
    { text: 'He lent me his ladder.', half: 'dev', topic: 'Relationship' },
    { text: 'My back has hurt for weeks.', half: 'dev', topic: 'Health' },
    { text: 'The loan is due next week.', half: 'dev', topic: 'Finance' },
    { text: 'Where is the station?', half: 'sealed', topic: null },
  ]
  // A stand-in for the corpus-only model: unsure about the ladder, sure about the rest.
  const mass = (text: string) => (text.includes('ladder') ? ORDINARY_BELOW : 0.01)

  it('learns only dev lines outside private topics that read confidently as ordinary, at a reduced weight', () => {
    const learned = everydayTraining(lines, mass)
    expect(learned.map((e) => e.text)).toEqual(['Shall we get a pizza tonight?', 'Nice to meet you.'])
    for (const e of learned) expect(e.weight).toBe(EVERYDAY_WEIGHT)
    expect(EVERYDAY_WEIGHT).toBeGreaterThan(0)
    expect(EVERYDAY_WEIGHT).toBeLessThan(1)
  })

  it('puts a line with a time expression in chronological, the others in general', () => {
    const byText = new Map(everydayTraining(lines, mass).map((e) => [e.text, e.tier]))
    expect(byText.get('Shall we get a pizza tonight?')).toBe('chronological')
    expect(byText.get('Nice to meet you.')).toBe('general')
  })
})

describe('weighted training', () => {
  it('lets a line count for what its weight says: nothing at 0, less than a hand-labelled line below 1', () => {
    const secrets = ['my pin is 4471', 'bank password hunter2', 'wifi key is swordfish', 'vault code 9981', 'login secret banana7']
    const ordinary = ['we had pizza', 'the sea was calm', 'I like jazz', 'the cat slept all day', 'lovely walk today']
    const probe = featurize('the spare key is under the blue pot', {})
    const base = [...secrets.map((t) => ({ vector: featurize(t, {}), label: 3 })), ...ordinary.map((t) => ({ vector: featurize(t, {}), label: 1 }))]
    // The probe is labelled secret once at full weight and ordinary once at weight w.
    const secretShare = (w: number) => train([...base, { vector: probe, label: 3 }, { vector: probe, label: 1, weight: w }], { epochs: 6 }).predictRaw(probe)[3]
    const none = secretShare(0)
    const equal = secretShare(1)
    const triple = secretShare(3)
    expect(none).toBeGreaterThan(0.99)
    expect(equal).toBeLessThan(none - 0.05)
    expect(triple).toBeLessThan(equal - 0.1)
  })
})
