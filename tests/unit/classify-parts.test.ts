import { describe, expect, it } from 'vitest'
import { correctedTier } from '@/lib/classify/corrections'
import { featurize } from '@/lib/classify/features'
import { explicitTier } from '@/lib/classify/markers'
import { analyzeSentiment } from '@/lib/classify/sentiment'
import { suggestTags } from '@/lib/classify/tags'
import { findTimeExpressions, timezoneOffsetMinutes } from '@/lib/classify/time'
import { findEntities } from '@/lib/classify/entities'

// A marker anywhere, in any case, with punctuation or brackets around it; the most protected
// of several wins; one glued into a word is no marker.
const MARKED: [string, string | null][] = [
  ['#secret the garage code is 4412', 'secret'],
  ['the garage code is 4412 #UltraSecret', 'ultrasecret'],
  ['  #general lunch ideas', 'general'],
  ['backup phrase is lemon tiger #ULTRASECRET.', 'ultrasecret'],
  ['backup phrase is lemon tiger (#ultrasecret)', 'ultrasecret'],
  ['my seed is #ultrasecret offline gryphonwax', 'ultrasecret'],
  ['note to self #confidential I am seeing a therapist', 'confidential'],
  ['the alarm code is 4412 #secret!', 'secret'],
  ['"#Secret", the alarm code is 4412', 'secret'],
  ['#general lunch, and the safe code 0424 #ultrasecret', 'ultrasecret'],
  ['#secret? no, #confidential', 'secret'],
  ['#topsecret plans', null],
  ['#secretive friend', null],
  ['call the #secretary at 9', null],
  ['foo#secret bar', null],
  ['#secret_santa list', null],
]

describe('explicit markers', () => {
  it.each(MARKED)('%j is %s', (text, tier) => {
    expect(explicitTier(text)).toBe(tier)
  })
})

describe('time expressions', () => {
  const now = new Date('2026-03-11T15:00:00Z') // a Wednesday
  it('read "yesterday" and "next Friday" relative to the capture time', () => {
    const [yesterday] = findTimeExpressions('yesterday I ran 5k', now, 'UTC')
    expect(yesterday.direction).toBe('past')
    expect(yesterday.date.slice(0, 10)).toBe('2026-03-10')
    const [friday] = findTimeExpressions('dentist next Friday at 3pm', now, 'UTC')
    expect(friday.direction).toBe('future')
    expect(friday.date.startsWith('2026-03-')).toBe(true)
  })
  it("use the user's time zone", () => {
    expect(timezoneOffsetMinutes('Asia/Tokyo', now)).toBe(540)
    expect(timezoneOffsetMinutes('America/New_York', now)).toBe(-240)
    // 15:00 UTC is already midnight of the 12th in Tokyo, so "tomorrow 9am" is the 13th, 9:00 JST.
    const [tokyo] = findTimeExpressions('call at 9am tomorrow', now, 'Asia/Tokyo')
    expect(tokyo.date).toBe('2026-03-13T00:00:00.000Z')
    const [utc] = findTimeExpressions('call at 9am tomorrow', now, 'UTC')
    expect(utc.date).toBe('2026-03-12T09:00:00.000Z')
  })
  it('find nothing in a timeless fact', () => {
    expect(findTimeExpressions('I prefer aisle seats', now)).toEqual([])
  })
})

describe('sentiment', () => {
  it('labels clearly positive, negative and neutral notes', () => {
    expect(analyzeSentiment('What a wonderful, happy day with my friends!').label).toBe('positive')
    expect(analyzeSentiment('I feel awful and sad, everything went wrong').label).toBe('negative')
    expect(analyzeSentiment('The router is in the hall closet').label).toBe('neutral')
    const s = analyzeSentiment('terrible horrible awful')
    expect(s.score).toBeGreaterThanOrEqual(-1)
    expect(s.score).toBeLessThan(0)
  })
})

describe('tags', () => {
  it('reuse the user tags first, then topic families', () => {
    expect(suggestTags('lunch with mom at the new sushi place', ['sushi'])).toEqual(['sushi', 'family', 'food'])
    expect(suggestTags('ran 10k before work')).toEqual(['work', 'fitness'])
  })
  it('return nothing for text without a topic', () => {
    expect(suggestTags('hmm')).toEqual([])
  })
})

describe('named entities', () => {
  it('finds people and places with compromise', () => {
    const e = findEntities('Had coffee with Sarah Connor in Paris')
    expect(e.people.join(' ')).toMatch(/Sarah/)
    expect(e.places).toContain('Paris')
  })
  it('takes no lowercase word for a name ("jo" in a journal entry)', () => {
    expect(findEntities('journal: jo and i went to the market, will call may later').people).toEqual([])
    expect(findEntities('Called Jo about the trip').people).toEqual(['Jo'])
  })
})

describe('the per-user correction layer', () => {
  const examples = [
    'gym session with coach marta monday',
    'gym session with coach marta at 7',
    'coach marta gym session moved to friday',
  ].map((t) => ({ vector: featurize(t), tier: 'confidential' as const }))

  it('sends a message like several corrected ones to their tier', () => {
    expect(correctedTier(featurize('gym session with coach marta tomorrow'), examples)).toMatchObject({ tier: 'confidential' })
  })
  it('leaves unrelated messages alone, and needs more than one weak match', () => {
    expect(correctedTier(featurize('buy oat milk and bread'), examples)).toBeNull()
    expect(correctedTier(featurize('gym session with coach marta'), examples.slice(0, 1))).toBeNull()
  })
})
