import { describe, expect, it } from 'vitest'
import { hasSearchableWords, parseQuery } from '@/lib/search/query'
import { highlight, typoCorrectionsIn } from '@/lib/search/text'

describe('highlight', () => {
  it('marks the words full text matches: those with the stem of a query word', () => {
    expect(highlight('Planning the summer trip to Lisbon', parseQuery('plan trip'))).toBe('<mark>Planning</mark> the summer <mark>trip</mark> to Lisbon')
    expect(highlight('We planned trips; the planet can wait', parseQuery('planning trip'))).toBe('We <mark>planned</mark> <mark>trips</mark>; the planet can wait')
    expect(highlight('Happiness is a sunny day', parseQuery('happy days'))).toBe('<mark>Happiness</mark> is a sunny <mark>day</mark>')
  })

  it('marks the corrections of a typo it is given', () => {
    expect(highlight('Visited grandma at the hospital', parseQuery('grandma hospitl'), { also: ['hospital'] })).toBe('Visited <mark>grandma</mark> at the <mark>hospital</mark>')
  })

  it('never marks the inside of another word, nor a stop word', () => {
    expect(highlight('Dinner with my mother at the Italian place', parseQuery('the with mother'))).toBe('Dinner with my <mark>mother</mark> at the Italian place')
    expect(highlight('I ate an apple, then a pineapple', parseQuery('apple'))).toBe('I ate an <mark>apple</mark>, then a pineapple')
  })

  it('marks synonyms and letters beyond ASCII, and escapes everything else', () => {
    expect(highlight('Café <b>crème</b> with mama', parseQuery('café mom'))).toBe('<mark>Café</mark> &lt;b&gt;crème&lt;/b&gt; with <mark>mama</mark>')
  })

  it('starts the snippet shortly before the first match in a long text', () => {
    const text = `${'filler words here '.repeat(20)}the zeppelin landed`
    const snippet = highlight(text, parseQuery('zeppelin'))
    expect(snippet.startsWith('…')).toBe(true)
    expect(snippet).toContain('<mark>zeppelin</mark>')
  })
})

describe('typoCorrectionsIn (the corrections to mark in a decrypted memory found by a typo)', () => {
  it('picks the word of the text most like each misspelt query word', () => {
    expect(typoCorrectionsIn('grandma hospitl', 'Visited grandma at the hospital after her fall')).toEqual(['hospital'])
    expect(typoCorrectionsIn('lockr hospitl', 'The locker code at the hospital gym')).toEqual(['locker', 'hospital'])
  })

  it('leaves out words the text holds, short words, and words nothing in the text is like', () => {
    expect(typoCorrectionsIn('hospital', 'at the hospital')).toEqual([])
    expect(typoCorrectionsIn('gym', 'the gum on the gym floor')).toEqual([])
    expect(typoCorrectionsIn('zeppelin', 'Visited grandma at the hospital')).toEqual([])
  })
})

describe('hasSearchableWords', () => {
  it('is false for stop words alone, true once a word or a phrase is left', () => {
    expect(hasSearchableWords(parseQuery('what did I do'))).toBe(false)
    expect(hasSearchableWords(parseQuery('the -with'))).toBe(false)
    expect(hasSearchableWords(parseQuery('what did I do at the beach'))).toBe(true)
    expect(hasSearchableWords(parseQuery('"new shoes"'))).toBe(true)
  })
})
