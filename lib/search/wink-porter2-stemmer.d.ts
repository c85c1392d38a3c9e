// The stemmer ships no types of its own: one function, a lower-case word in, its stem out.
declare module 'wink-porter2-stemmer' {
  export default function stem(word: string): string
}
