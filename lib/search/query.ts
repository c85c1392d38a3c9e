// Reading a search query: words, "quoted phrases" and -exclusions, with synonyms; and the
// Postgres tsquery built from it. Everything is reduced to letters and digits first, so no
// query can produce a tsquery syntax error.
import { STOP_WORDS } from './stop-words'
import { withSynonyms } from './synonyms'

export interface ParsedQuery {
  /** Words any of which should match (each with its synonyms). */
  words: string[][]
  phrases: string[][]
  excluded: string[]
  /** The query's plain words, for trigram and embedding search. */
  text: string
}

const WORD = /[\p{L}\p{N}]+/gu

function wordsOf(text: string): string[] {
  return [...text.toLowerCase().matchAll(WORD)].map((m) => m[0]).filter((w) => w.length <= 40)
}

export function parseQuery(raw: string): ParsedQuery {
  const phrases: string[][] = []
  const excluded: string[] = []
  // Balanced quotes are phrases; a lone quote is just a character.
  let rest = raw.replace(/"([^"]*)"/g, (_, inner: string) => {
    const words = wordsOf(inner)
    if (words.length > 1) phrases.push(words)
    return words.length === 1 ? ` ${words[0]} ` : ' '
  })
  rest = rest.replace(/(?:^|\s)-([\p{L}\p{N}]+)/gu, (_, word: string) => {
    excluded.push(word.toLowerCase())
    return ' '
  })
  const words = wordsOf(rest).map(withSynonyms)
  const text = [...wordsOf(rest), ...phrases.flat()].join(' ')
  return { words, phrases, excluded, text }
}

/** The wanted part of the query as a to_tsquery expression: any word (or synonym) or phrase. */
export function positiveTsQuery(q: ParsedQuery): string | null {
  const positives = [
    ...q.words.map((group) => (group.length > 1 ? `(${group.join(' | ')})` : group[0])),
    ...q.phrases.map((phrase) => `(${phrase.join(' <-> ')})`),
  ]
  return positives.length ? `(${positives.join(' | ')})` : null
}

/** A to_tsquery expression ('english'), or null when nothing searchable is left. */
export function toTsQuery(q: ParsedQuery): string | null {
  const positive = positiveTsQuery(q)
  if (!positive) return null
  return [positive, ...q.excluded.map((w) => `!${w}`)].join(' & ')
}

/** Whether the query asks for anything: a phrase, or a word full text does not drop. */
export function hasSearchableWords(q: ParsedQuery): boolean {
  return q.phrases.length > 0 || q.text.split(' ').some((w) => w !== '' && !STOP_WORDS.has(w))
}
