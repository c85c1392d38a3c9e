// Words people use for the same thing; a search for one finds the others.
const GROUPS: string[][] = [
  ['mom', 'mother', 'mama', 'mum', 'mommy'],
  ['dad', 'father', 'papa', 'daddy'],
  ['work', 'job', 'office', 'workplace'],
  ['home', 'house', 'residence', 'apartment', 'flat'],
  ['car', 'vehicle', 'auto', 'automobile'],
  ['doctor', 'physician', 'gp', 'doc'],
  ['kid', 'kids', 'child', 'children'],
  ['wife', 'spouse', 'partner', 'husband'],
  ['grandma', 'grandmother', 'granny', 'nana'],
  ['grandpa', 'grandfather'],
  ['phone', 'mobile', 'cellphone', 'cell'],
  ['money', 'cash', 'funds'],
  ['trip', 'travel', 'journey', 'vacation', 'holiday'],
  ['dinner', 'supper'],
  ['film', 'movie'],
  ['sick', 'ill', 'unwell'],
  ['happy', 'glad', 'joyful'],
  ['sad', 'unhappy', 'down'],
  ['buy', 'purchase', 'bought'],
  ['friend', 'buddy', 'pal'],
]

const INDEX = new Map<string, string[]>()
for (const group of GROUPS) for (const word of group) INDEX.set(word, group)

/** The word and its synonyms (the word first). */
export function withSynonyms(word: string): string[] {
  const group = INDEX.get(word.toLowerCase())
  return group ? [word.toLowerCase(), ...group.filter((w) => w !== word.toLowerCase())] : [word.toLowerCase()]
}
