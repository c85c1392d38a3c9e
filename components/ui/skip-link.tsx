'use client'

import { usePathname } from 'next/navigation'

/** The first tab stop of every page: on the timeline to its message box, elsewhere to the content. */
export function SkipLink() {
  const timeline = usePathname() === '/home'
  const target = timeline ? 'content' : 'main'
  return (
    <a
      href={`#${target}`}
      onClick={(e) => {
        const el = document.getElementById(target)
        if (!el) return
        e.preventDefault()
        el.focus()
        el.scrollIntoView({ block: 'nearest' })
      }}
      className="sr-only z-50 rounded-lg bg-indigo-700 px-4 py-2 font-medium text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 dark:bg-indigo-300 dark:text-slate-900"
    >
      {timeline ? 'Skip to the message box' : 'Skip to content'}
    </a>
  )
}
