// People, places and organisations named in a message, with compromise (a small rule-based
// English NLP library that runs in-process). The tags are read straight off its tagged terms:
// its `.people()`-style selectors cost several times more and the budget is 5 ms a message.
import nlp from 'compromise'

export interface NamedEntities {
  people: string[]
  places: string[]
  organizations: string[]
}

const MAX_TEXT = 2_000
const MAX_EACH = 10

interface Term {
  text: string
  tags: Set<string>
}

const KINDS = [
  ['Person', 'people'],
  ['Place', 'places'],
  ['Organization', 'organizations'],
] as const

export function findEntities(text: string): NamedEntities {
  const found: NamedEntities = { people: [], places: [], organizations: [] }
  const seen = new Set<string>()
  const doc = nlp(text.slice(0, MAX_TEXT)) as unknown as { docs: Term[][] }
  for (const sentence of doc.docs) {
    for (const [tag, key] of KINDS) {
      let run: string[] = []
      const flush = () => {
        const name = run.join(' ').replace(/[.,;:!?'"]+$/g, '').replace(/'s$/i, '').trim()
        run = []
        const id = `${key}:${name.toLowerCase()}`
        // A name is written with a capital: compromise also tags lowercase words it knows as
        // first names ("jo", "will", "may"), which in a journal are mostly not people.
        if (name.length < 2 || !/^\p{Lu}/u.test(name) || seen.has(id) || found[key].length >= MAX_EACH) return
        seen.add(id)
        found[key].push(name)
      }
      for (const term of sentence) {
        if (term.tags.has(tag)) run.push(term.text)
        else if (run.length) flush()
      }
      if (run.length) flush()
    }
  }
  return found
}
