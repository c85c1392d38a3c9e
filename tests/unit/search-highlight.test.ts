import { describe, expect, it } from 'vitest'
import { hasSearchableWords, parseQuery } from '@/lib/search/query'
import { highlight } from '@/lib/search/text'

describe('highlight (protected tiers and meaning-only hits)', () => {
  it('marks whole words, and longer words that start with a query word of four letters or more', () => {
    expect(highlight('Planning the summer trip to Lisbon', parseQuery('plan trip'))).toBe('<mark>Planning</mark> the summer <mark>trip</mark> to Lisbon')
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

describe('hasSearchableWords', () => {
  it('is false for stop words alone, true once a word or a phrase is left', () => {
    expect(hasSearchableWords(parseQuery('what did I do'))).toBe(false)
    expect(hasSearchableWords(parseQuery('the -with'))).toBe(false)
    expect(hasSearchableWords(parseQuery('what did I do at the beach'))).toBe(true)
    expect(hasSearchableWords(parseQuery('"new shoes"'))).toBe(true)
  })
})
