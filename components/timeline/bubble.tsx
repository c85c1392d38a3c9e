import Link from 'next/link'
import { useState } from 'react'
import { MemoryActions } from '@/components/capture/memory-actions'
import { TierBadge } from '@/components/capture/tier-badge'
import { LockedNote } from './locked-note'
import { LongText } from './long-text'
import type { MemoryView } from '@/lib/memories'
import { useTierOpen } from '@/components/security/open-tiers'


const MOOD: Record<string, string> = { positive: 'upbeat', negative: 'low', neutral: 'neutral' }

function mood(emotion: Record<string, unknown> | null): string | null {
  const label = typeof emotion?.label === 'string' ? emotion.label : null
  return label && label !== 'neutral' ? (MOOD[label] ?? label) : null
}

/** One stored memory as a message bubble: tier, content (or a lock), tags, mood, why, and actions. */
export function Bubble({ memory, time }: { memory: MemoryView; time: string }) {
  // Protected content leaves the screen when its unlock window ends or is locked.
  const open = useTierOpen(memory.tier, !('locked' in memory))
  // The actions are built when first opened: a timeline of 30 bubbles then hydrates 30
  // summaries rather than 30 tier menus, buttons and links (measured on a throttled phone).
  const [actionsShown, setActionsShown] = useState(false)
  const locked = 'locked' in memory || !open
  return (
    <li data-testid="memory" data-tier={memory.tier} className="flex flex-col items-end">
      <article
        aria-label={`Memory, ${memory.tier}`}
        className="flex max-w-[85%] flex-col gap-1.5 rounded-2xl rounded-br-md bg-white px-3.5 py-2.5 shadow-sm ring-1 ring-slate-200 dark:bg-slate-800 dark:ring-slate-700"
      >
        <div className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
          <TierBadge tier={memory.tier} />
          <time dateTime={memory.created_at}>{time}</time>
          <span className="ml-auto" title="Synced" data-testid="synced">
            <span aria-hidden>✓</span>
            <span className="sr-only">Synced</span>
          </span>
        </div>
        {locked ? (
          <LockedNote tier={memory.tier} />
        ) : (
          <>
            <LongText text={memory.content} />
            {(memory.tags.length > 0 || mood(memory.emotion)) && (
              <p className="flex flex-wrap gap-x-2 text-xs text-slate-600 dark:text-slate-300">
                {memory.tags.map((t) => (
                  <span key={t}>#{t}</span>
                ))}
                {mood(memory.emotion) && <span>mood: {mood(memory.emotion)}</span>}
              </p>
            )}
            {memory.reasoning && (
              <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="reasoning">
                Why {memory.tier}: {memory.reasoning}
              </p>
            )}
          </>
        )}
        {/* One tab stop per bubble: the actions open from here. */}
        <details className="group text-sm" data-testid="memory-actions" onToggle={(e) => e.currentTarget.open && setActionsShown(true)}>
          <summary className="w-fit cursor-pointer list-none rounded px-1 text-slate-700 underline-offset-2 select-none hover:underline dark:text-slate-300 [&::-webkit-details-marker]:hidden">
            Actions<span className="sr-only"> for this memory</span> <span aria-hidden>▾</span>
          </summary>
          {actionsShown && (
            <div className="mt-2 flex flex-wrap items-center gap-3">
              <MemoryActions id={memory.id} tier={memory.tier} />
              {/* Not prefetched: each link in view cost two server requests and the phone's CPU for a page rarely opened. */}
              <Link href={`/memories/${memory.id}`} prefetch={false} className="text-sm underline-offset-2 hover:underline">
                Details<span className="sr-only"> of this memory</span>
              </Link>
            </div>
          )}
        </details>
      </article>
    </li>
  )
}
