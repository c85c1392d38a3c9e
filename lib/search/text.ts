// Text helpers for searching decrypted memories in application memory: trigram word
// similarity (as pg_trgm's word_similarity) and a highlighted snippet.
import type { ParsedQuery } from './query'

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

/** A snippet around the first matching word, with matches in <mark>, the rest escaped. */
export function highlight(content: string, q: ParsedQuery, width = 160): string {
  const terms = [...q.words.flat(), ...q.phrases.flat()].filter((t) => t.length >= 2)
  const lower = content.toLowerCase()
  const first = terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0
  const start = Math.max(0, first - width / 3)
  const slice = content.slice(start, start + width)
  const pattern = terms.length ? new RegExp(`(${terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi') : null
  const marked = pattern ? escape(slice).replace(pattern, '<mark>$1</mark>') : escape(slice)
  return `${start > 0 ? '…' : ''}${marked}${start + width < content.length ? '…' : ''}`
}

/** ts_headline output with ⟪…⟫ around matches → escaped HTML with <mark> (nothing else is markup). */
export function markHeadline(headline: string): string {
  return escape(headline).replace(/⟪/g, '<mark>').replace(/⟫/g, '</mark>')
}
