// The local classifier on wording it was never shown: these sentences were written for this test,
// are in neither the corpus nor any benchmark, and use health and money words the corpus does not
// (the word vectors and the sensitivity lexicon carry them). Banal chat stays in tier 1, and a
// relative's name alone sets no floor.
import { describe, expect, it } from 'vitest'
import { classify } from '@/lib/classify'
import { detect, detectorFloor } from '@/lib/classify/detectors'
import { loadCorpus } from '@/lib/classify/model'
import { TIER_LEVEL } from '@/lib/tiers'

const at = new Date('2026-06-10T12:00:00Z')
const run = (text: string) => classify(text, { allowRemote: false, now: at })

describe('unseen sensitive wording', () => {
  const health = [
    'the endocrinologist wants to check my thyroid again because the nodules grew',
    'I have been on a new inhaler since the wheezing got worse and the nurse doubled the dose',
    'my gastroenterologist confirmed it is ulcerative colitis',
    'got the scan back, there is a shadow on my left lung and they want a biopsy',
  ]
  const finance = [
    'we remortgaged the flat and still owe the lender about 190 thousand',
    'I missed two credit card repayments and the interest is crushing me',
    'my take-home pay after deductions was 2,940 this month',
  ]
  it.each([...health, ...finance])('protects "%s"', async (text) => {
    expect(TIER_LEVEL[(await run(text)).tier]).toBeGreaterThanOrEqual(2)
  })

  it('none of these sentences is in the training corpus', () => {
    const corpus = new Set(loadCorpus().map((e) => e.text.toLowerCase()))
    for (const text of [...health, ...finance]) expect(corpus.has(text.toLowerCase())).toBe(false)
  })
})

describe('banal chat', () => {
  it.each([
    'Stay safe!',
    'Congrats on the new job, you totally deserve it!',
    'I picked up two second-hand novels at the market, cannot wait to start them',
    'That sounds like so much fun, send pictures!',
    'haha yes, the dog refuses to walk in the rain',
  ])('keeps "%s" in tier 1', async (text) => {
    const c = await run(text)
    expect(TIER_LEVEL[c.tier]).toBe(1)
    expect(c.confidence).toBeGreaterThanOrEqual(0)
    expect(c.confidence).toBeLessThanOrEqual(1)
  })

  it('puts a day out with a named sister in chronological, with no floor', async () => {
    const text = 'Yesterday I went hiking with my sister Anna'
    expect(detectorFloor(detect(text))).toBeNull()
    expect((await run(text)).tier).toBe('chronological')
  })
})

describe("a relative's name", () => {
  it.each(['my son Theo loves dinosaurs', 'add my husband, Tomas Okafor, to the plan', 'dinner at my brother Karim’s on friday'])(
    'alone sets no floor: "%s"',
    (text) => {
      expect(detectorFloor(detect(text))).toBeNull()
    },
  )

  it.each([
    ['my daughter Mia was born on 14 March 2019', 'date_of_birth'],
    ['my mum Rosa lives at 22 Kestrel Road, Bristol BS3 4QT', 'street_address'],
  ])('with a date of birth or an address sets one: "%s"', async (text, kind) => {
    const found = detect(text)
    expect(found.map((d) => d.kind)).toContain(kind)
    expect(detectorFloor(found)).toBe('confidential')
    expect(TIER_LEVEL[(await run(text)).tier]).toBeGreaterThanOrEqual(2)
  })
})
