// Text helpers for search in application memory: trigram word similarity (as pg_trgm's
// word_similarity), stems (as full text's), and highlighted snippets.
import porter2 from 'wink-porter2-stemmer'
import type { ParsedQuery } from './query'
import { STOP_WORDS } from './stop-words'

function trigrams(word: string): Set<string> {
  const padded = `  ${word} `
  const out = new Set<string>()
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3))
  return out
}

/** For each query word, the word of the text most like it by trigrams, and how alike they are (0..1). */
function closestWords(query: string, text: string): { word: string; match: string; similarity: number }[] {
  const queryWords = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  const textWords = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].map((w) => ({ w, grams: trigrams(w) }))
  return queryWords.map((word) => {
    const q = trigrams(word)
    let best = { word, match: '', similarity: 0 }
    for (const t of textWords) {
      let shared = 0
      for (const g of q) if (t.grams.has(g)) shared++
      const similarity = shared / (q.size + t.grams.size - shared)
      if (similarity > best.similarity) best = { word, match: t.w, similarity }
    }
    return best
  })
}

/** The best trigram similarity between a query word and any word of the text, averaged over query words. */
export function trigramWordSimilarity(query: string, text: string): number {
  const closest = closestWords(query, text)
  return closest.length ? closest.reduce((sum, c) => sum + c.similarity, 0) / closest.length : 0
}

/**
 * The words of a text that correct the query's typos, to mark in its highlight: for each query
 * word of four letters or more that the text does not hold, the text's word most like it, when
 * as alike as a correction tier 1's vocabulary offers (trigram similarity 0.4).
 */
export function typoCorrectionsIn(query: string, text: string, threshold = 0.4): string[] {
  return closestWords(query, text)
    .filter((c) => c.word.length >= 4 && c.match !== c.word && c.similarity >= threshold)
    .map((c) => c.match)
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c])

// Words as full text reads them: runs of letters and digits.
const WORD = /[\p{L}\p{N}]+/gu

const stems = new Map<string, string>()
const STEM_CACHE = 20_000

/**
 * A word's stem as PostgreSQL's 'english' full text makes it (Snowball's English stemmer,
 * Porter2: "planning", "planned" and "plans" are all "plan"), so words are matched in
 * application memory as full text matches them in the database.
 */
export function stemOf(word: string): string {
  const lower = word.toLowerCase()
  const known = stems.get(lower)
  if (known !== undefined) return known
  if (stems.size >= STEM_CACHE) stems.clear()
  const stem = porter2(lower)
  stems.set(lower, stem)
  return stem
}

/**
 * Whether a word has one of `wanted` stems. Stemming costs about 5 µs a word, so only a word
 * that starts with the letter one of them starts with is stemmed (a stem keeps its word's first
 * letter), and each word once (stemOf keeps what it found).
 */
function stemMatcher(wanted: Set<string>): (word: string) => boolean {
  const starts = new Set([...wanted].map((s) => s.slice(0, 1)))
  return (word) => {
    const lower = word.toLowerCase()
    return starts.has(lower.slice(0, 1)) && wanted.has(stemOf(lower))
  }
}

/** The stems a query's words (with their synonyms) and phrases stand for, stop words left out; and `also` words. */
export function queryStems(q: ParsedQuery, also: readonly string[] = []): Set<string> {
  return new Set([...q.words.flat(), ...q.phrases.flat(), ...also].filter((t) => t.length >= 2 && !STOP_WORDS.has(t)).map(stemOf))
}

/** The stems of a text's words. */
export function textStems(text: string): Set<string> {
  return new Set((text.match(WORD) ?? []).map(stemOf))
}

/**
 * A snippet of a memory with the words full text matches marked: those sharing a stem with a
 * query word, its synonyms or `also` (the corrections of its typos), never stop words. A
 * memory of up to `width` characters is shown whole; a longer one from shortly before its first
 * match. Everything else is escaped.
 */
export function highlight(content: string, q: ParsedQuery, { also = [], width = 160 }: { also?: readonly string[]; width?: number } = {}): string {
  return highlighter(q, also, width)(content)
}

/** highlight for many memories of one search: the query's stems found once. */
export function highlighter(q: ParsedQuery, also: readonly string[] = [], width = 160): (content: string) => string {
  const matches = stemMatcher(queryStems(q, also))
  return (content) => {
    let first = 0
    if (content.length > width) {
      for (const m of content.matchAll(WORD)) {
        if (matches(m[0])) {
          first = m.index
          break
        }
      }
    }
    const start = Math.max(0, Math.min(first - width / 3, content.length - width))
    const slice = content.slice(start, start + width)
    let marked = ''
    let at = 0
    for (const m of slice.matchAll(WORD)) {
      if (!matches(m[0])) continue
      marked += `${escape(slice.slice(at, m.index))}<mark>${escape(m[0])}</mark>`
      at = m.index + m[0].length
    }
    marked += escape(slice.slice(at))
    return `${start > 0 ? '…' : ''}${marked}${start + width < content.length ? '…' : ''}`
  }
}
