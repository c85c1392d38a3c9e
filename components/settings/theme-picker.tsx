'use client'

import { useEffect, useState } from 'react'

type Theme = 'system' | 'light' | 'dark'
const THEMES: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Like the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

/** Light, dark or the system's choice; kept on this device and applied at once. */
function savedTheme(): Theme {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem('mnemo-theme')
  return saved === 'light' || saved === 'dark' ? saved : 'system'
}

function applyTheme(value: Theme) {
  if (value === 'system') localStorage.removeItem('mnemo-theme')
  else localStorage.setItem('mnemo-theme', value)
  document.documentElement.setAttribute('data-theme', value)
}

export function ThemePicker() {
  // The saved choice is read after hydration (the server cannot know it).
  const [theme, setTheme] = useState<Theme | null>(null)
  useEffect(() => {
    const frame = requestAnimationFrame(() => setTheme(savedTheme()))
    return () => cancelAnimationFrame(frame)
  }, [])
  const choose = (value: Theme) => {
    setTheme(value)
    applyTheme(value)
  }
  return (
    <fieldset className="flex flex-wrap gap-2">
      <legend className="mb-2 text-sm">Theme on this device</legend>
      {THEMES.map((t) => (
        <label key={t.value} className="flex cursor-pointer items-center gap-2 rounded-lg border border-slate-300 px-3 py-2 text-sm has-checked:border-indigo-700 has-checked:ring-1 has-checked:ring-indigo-700 dark:border-slate-600 dark:has-checked:border-indigo-400 dark:has-checked:ring-indigo-400">
          <input type="radio" name="theme" value={t.value} checked={(theme ?? 'system') === t.value} onChange={() => choose(t.value)} />
          {t.label}
        </label>
      ))}
    </fieldset>
  )
}
