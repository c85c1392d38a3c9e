'use client'

import { useState } from 'react'

/** Beyond this many characters or lines a memory starts folded. */
const LONG_CHARS = 600
const LONG_LINES = 10

/** A memory's text; a long one shows its first lines with "Show more". */
export function LongText({ text }: { text: string }) {
  const long = text.length > LONG_CHARS || text.split('\n').length > LONG_LINES
  const [open, setOpen] = useState(false)
  if (!long) return <p className="break-words whitespace-pre-wrap">{text}</p>
  return (
    <div className="flex flex-col items-start gap-1">
      <p className={`break-words whitespace-pre-wrap ${open ? '' : 'line-clamp-8'}`} data-testid="memory-text">
        {text}
      </p>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} className="text-sm font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
        {open ? 'Show less' : 'Show more'}
      </button>
    </div>
  )
}
