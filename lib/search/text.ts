// Text helpers for searching decrypted memories in application memory: trigram word
// similarity (as pg_trgm's word_similarity) and a highlighted snippet.
import type { ParsedQuery } from './query'
import { STOP_WORDS } from './stop-words'

function trigrams(word: string): Set<string> {
  const padded = `  ${word} `
  const out = new Set<string>()
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3))
  return out
}

/** The best trigram similarity between a query word and any word of the text, averaged over query words. */
export function trigramWordSimilarity(query: string, text: string): number {
  const queryWords = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  const textWords = [...new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].map(trigrams)
  if (queryWords.length === 0 || textWords.length === 0) return 0
  let total = 0
  for (const word of queryWords) {
    const q = trigrams(word)
    let best = 0
    for (const t of textWords) {
      let shared = 0
      for (const g of q) if (t.has(g)) shared++
      best = Math.max(best, shared / (q.size + t.size - shared))
    }
    total += best
  }
  return total / queryWords.length
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c])

const regexEscape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A snippet around the first matching word, with matches in <mark>, the rest escaped. A query
 * word matches a whole word, or the start of a longer one when it has four letters or more
 * ("plan" in "planning"), never the inside of another ("the" in "mother"); stop words are not
 * marked.
 */
export function highlight(content: string, q: ParsedQuery, width = 160): string {
  const terms = [...new Set([...q.words.flat(), ...q.phrases.flat()])].filter((t) => t.length >= 2 && !STOP_WORDS.has(t))
  const alternatives = terms.map((t) => (t.length >= 4 ? `${regexEscape(t)}[\\p{L}\\p{N}]*` : `${regexEscape(t)}(?![\\p{L}\\p{N}])`))
  const pattern = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})`, 'giu') : null
  const first = pattern ? Math.max(0, content.search(pattern)) : 0
  const start = Math.max(0, first - width / 3)
  const slice = content.slice(start, start + width)
  let marked = ''
  let at = 0
  for (const match of pattern ? slice.matchAll(pattern) : []) {
    marked += `${escape(slice.slice(at, match.index))}<mark>${escape(match[0])}</mark>`
    at = match.index + match[0].length
  }
  marked += escape(slice.slice(at))
  return `${start > 0 ? '…' : ''}${marked}${start + width < content.length ? '…' : ''}`
}

/** ts_headline output with ⟪…⟫ around matches → escaped HTML with <mark> (nothing else is markup). */
export function markHeadline(headline: string): string {
  return escape(headline).replace(/⟪/g, '<mark>').replace(/⟫/g, '</mark>')
}
