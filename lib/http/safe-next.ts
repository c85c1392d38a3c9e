// Where to send someone after signing in: only a path on this site, never an open redirect.
// Browsers strip tabs and newlines from URLs and read `\` as `/`, so `/<TAB>/evil.example` or
// `/\evil.example` lead off-site; a control character in the redirect header also makes Node
// throw (a 500 after the session cookie was set). Any of them means "not safe".
const DEFAULT_PAGE = '/home'
const ORIGIN = 'http://mnemo.invalid'

export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048) return DEFAULT_PAGE
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\p{Cc}\s]/u.test(value)) return DEFAULT_PAGE
  let url: URL
  try {
    url = new URL(value, ORIGIN)
  } catch {
    return DEFAULT_PAGE
  }
  // Serialised again, the path is plain ASCII, safe in a Location header. Dot segments can make
  // it protocol-relative ("/..//evil.example" → "//evil.example"): not safe either.
  if (url.origin !== ORIGIN || url.pathname.startsWith('//')) return DEFAULT_PAGE
  return `${url.pathname}${url.search}${url.hash}`
}
