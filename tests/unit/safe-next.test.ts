import { describe, expect, it } from 'vitest'
import { safeNext } from '@/lib/http/safe-next'

describe('the page to open after signing in', () => {
  it('keeps a path on this site, query and fragment included', () => {
    expect(safeNext('/memories/42')).toBe('/memories/42')
    expect(safeNext('/search?q=lunch#top')).toBe('/search?q=lunch#top')
    expect(safeNext('/search?q=caf%C3%A9')).toBe('/search?q=caf%C3%A9')
  })

  it('falls back to the home page for anything that could leave the site', () => {
    for (const next of [
      '/\t/evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      '//evil.example',
      // Dot segments that normalise to a protocol-relative path.
      '/..//evil.example',
      '/a/../..//evil.example',
      '/.//evil.example',
      'https:%2F%2Fevil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/\n/evil.example',
      '/home\r\nSet-Cookie: x=1',
      '/home\u0000',
      '/path\\with\\backslash',
      ' /home',
      '',
    ]) {
      expect(safeNext(next), JSON.stringify(next)).toBe('/home')
    }
  })

  it('falls back for what is not a string', () => {
    expect(safeNext(null)).toBe('/home')
    expect(safeNext(undefined)).toBe('/home')
    expect(safeNext({ toString: () => '/admin' })).toBe('/home')
  })

  it('never hands on a character a Location header cannot carry', () => {
    expect(safeNext('/search?q=café')).toBe('/search?q=caf%C3%A9')
  })
})
