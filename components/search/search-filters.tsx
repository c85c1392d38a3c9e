'use client'

import { useState } from 'react'
import { activeFilterCount, EMPTY_SEARCH, type SearchProblems, type SearchState, type Source } from '@/app/(app)/search/params'
import { Button } from '@/components/ui/button'
import { TIERS } from '@/lib/tiers'

const SOURCE_LABEL: Record<Source, string> = { app: 'App', api: 'API', telegram: 'Telegram', whatsapp: 'WhatsApp', import: 'Import' }
/** Sources offered as filters: the ones that exist today (Telegram and WhatsApp bring their chips when they land). */
const OFFERED_SOURCES: Source[] = ['app', 'api']
/** Tag chips offered at once; the rest are suggestions of the tag box. */
const TAG_CHIPS = 12

const FOCUS = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-400'
const CHIP = `rounded-full border px-3 py-1 text-sm ${FOCUS}`
const CHIP_OFF = 'border-slate-400 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700'
const CHIP_ON = 'border-indigo-700 bg-indigo-700 text-white dark:border-indigo-300 dark:bg-indigo-300 dark:text-slate-900'
const FIELD =
  'rounded-lg border border-slate-400 bg-white px-2 py-1.5 text-base text-slate-900 aria-invalid:border-red-600 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100 dark:aria-invalid:border-red-400 ' +
  'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 dark:focus-visible:outline-blue-400'

function toggled<T>(list: T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value]
}

/** The applied filters in words, for the line under the panel. */
function describe(state: SearchState): string {
  const parts: string[] = []
  if (state.tiers.length) parts.push(state.tiers.join(', '))
  if (state.from && state.to) parts.push(`${state.from} to ${state.to}`)
  else if (state.from) parts.push(`since ${state.from}`)
  else if (state.to) parts.push(`until ${state.to}`)
  if (state.tags.length) parts.push(state.tags.map((t) => `#${t}`).join(', '))
  if (state.source) parts.push(`via ${SOURCE_LABEL[state.source]}`)
  return parts.join(' · ')
}

interface Props {
  draft: SearchState
  applied: SearchState
  problems: SearchProblems
  tags: string[]
  tagText: string
  onDraft: (next: SearchState) => void
  onTagText: (text: string) => void
  onApply: (next: SearchState) => void
}

/** Tiers, date range, tags and source. Chips apply at once; dates and a typed tag on Enter or "Apply filters". */
export function SearchFilters({ draft, applied, problems, tags, tagText, onDraft, onTagText, onApply }: Props) {
  const active = activeFilterCount(applied)
  const [open, setOpen] = useState(active > 0 || Boolean(problems.from || problems.to))
  const chips = [...new Set([...draft.tags, ...tags.slice(0, TAG_CHIPS)])]
  const dateProblem = (name: 'from' | 'to') => (problems[name] ? { 'aria-invalid': true, 'aria-describedby': `${name}-problem` } : {})

  return (
    <div className="flex flex-col gap-2">
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)} className="rounded-xl border border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-800/60">
        <summary className={`cursor-pointer rounded-xl px-3 py-2 text-sm font-medium ${FOCUS}`}>
          Filters{active > 0 && <span className="ml-1 text-slate-600 dark:text-slate-300">({active} on)</span>}
        </summary>
        <div className="grid gap-5 border-t border-slate-200 px-3 pt-3 pb-4 sm:grid-cols-2 dark:border-slate-700">
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium">Tiers</legend>
            <div className="flex flex-wrap gap-2">
              {TIERS.map((tier) => (
                <label
                  key={tier}
                  className={`flex cursor-pointer items-center gap-1.5 rounded-full border px-3 py-1 text-sm has-checked:border-indigo-700 has-checked:bg-indigo-50 dark:has-checked:border-indigo-300 dark:has-checked:bg-indigo-950 ${CHIP_OFF}`}
                >
                  <input
                    type="checkbox"
                    name="tier"
                    value={tier}
                    checked={draft.tiers.includes(tier)}
                    onChange={() => onApply({ ...draft, tiers: toggled(draft.tiers, tier) })}
                    className="size-4 accent-indigo-700 dark:accent-indigo-300"
                  />
                  {tier}
                </label>
              ))}
            </div>
          </fieldset>

          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium">When it happened</legend>
            <div className="flex flex-wrap gap-3">
              <label className="flex flex-col gap-1 text-sm">
                From
                <input type="date" name="from" value={draft.from} onChange={(e) => onDraft({ ...draft, from: e.target.value })} className={FIELD} {...dateProblem('from')} />
              </label>
              <label className="flex flex-col gap-1 text-sm">
                To
                <input type="date" name="to" value={draft.to} onChange={(e) => onDraft({ ...draft, to: e.target.value })} className={FIELD} {...dateProblem('to')} />
              </label>
            </div>
            {(['from', 'to'] as const).map(
              (name) =>
                problems[name] && (
                  <p key={name} id={`${name}-problem`} className="text-sm text-red-700 dark:text-red-300" data-testid="date-problem">
                    {problems[name]}
                  </p>
                ),
            )}
          </fieldset>

          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium">Tags (any of them)</legend>
            {chips.length > 0 && (
              <div className="flex flex-wrap gap-2">
                {chips.map((tag) => (
                  <button
                    key={tag}
                    type="button"
                    aria-pressed={draft.tags.includes(tag)}
                    onClick={() => onApply({ ...draft, tags: toggled(draft.tags, tag) })}
                    className={`${CHIP} ${draft.tags.includes(tag) ? CHIP_ON : CHIP_OFF}`}
                  >
                    #{tag}
                  </button>
                ))}
              </div>
            )}
            {draft.tags.map((tag) => (
              <input key={tag} type="hidden" name="tag" value={tag} />
            ))}
            <label htmlFor="tag-text" className="text-sm">
              {chips.length > 0 ? 'Another tag' : 'Tag'}
            </label>
            <input id="tag-text" name="tag" list="tag-options" value={tagText} onChange={(e) => onTagText(e.target.value)} maxLength={40} autoComplete="off" className={FIELD} />
            <datalist id="tag-options">
              {tags.map((tag) => (
                <option key={tag} value={tag} />
              ))}
            </datalist>
          </fieldset>

          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium">Source</legend>
            <div className="flex flex-wrap gap-2">
              {(['', ...OFFERED_SOURCES, ...(draft.source && !OFFERED_SOURCES.includes(draft.source) ? [draft.source] : [])] as const).map((source) => (
                <button
                  key={source || 'any'}
                  type="button"
                  aria-pressed={draft.source === source}
                  onClick={() => onApply({ ...draft, source })}
                  className={`${CHIP} ${draft.source === source ? CHIP_ON : CHIP_OFF}`}
                >
                  {source ? SOURCE_LABEL[source] : 'Any'}
                </button>
              ))}
            </div>
            {draft.source && <input type="hidden" name="source" value={draft.source} />}
          </fieldset>

          <div className="sm:col-span-2">
            <Button type="submit" variant="secondary">
              Apply filters
            </Button>
          </div>
        </div>
      </details>
      {active > 0 && (
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700 dark:text-slate-300" data-testid="active-filters">
          <span>Filtered by {describe(applied)}</span>
          <button type="button" onClick={() => onApply({ ...EMPTY_SEARCH, q: draft.q })} className={`rounded font-medium underline underline-offset-2 ${FOCUS}`}>
            Clear filters
          </button>
        </p>
      )}
    </div>
  )
}
