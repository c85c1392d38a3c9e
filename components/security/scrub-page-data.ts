'use client'
// Browser only. A page loaded while a tier was open carries that tier's text twice besides what
// is on screen: in the inline <script> tags that stream the page's server data into Next.js
// (`self.__next_f.push(...)`) and in the `self.__next_f` array they fill. Both are read once,
// while the page hydrates; afterwards nothing needs them, but DevTools (or anyone at the
// keyboard) can read them long after the screen said "Locked". This removes both.

/** Removes the page's inline server data: call when a tier closes, on sign-out, before the page is cached. */
export function scrubInlinePageData(): void {
  for (const script of document.querySelectorAll('script:not([src])')) {
    if (script.textContent?.includes('self.__next_f')) script.remove()
  }
  const data = (globalThis as { __next_f?: unknown }).__next_f
  if (Array.isArray(data)) data.length = 0
}
