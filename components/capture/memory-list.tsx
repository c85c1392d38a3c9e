import type { MemoryView } from '@/lib/memories'
import { MemoryActions } from './memory-actions'
import { TierBadge } from './tier-badge'

function when(iso: string) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

export function MemoryList({ items }: { items: MemoryView[] }) {
  if (items.length === 0) return <p className="text-slate-600 dark:text-slate-400">Nothing captured yet.</p>
  return (
    <ul className="flex flex-col gap-3" aria-label="Your memories">
      {items.map((m) => (
        <li key={m.id} data-testid="memory" className="flex flex-col gap-2 rounded-xl border border-slate-200 p-3 dark:border-slate-700">
          <div className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
            <TierBadge tier={m.tier} />
            <span>{when(m.created_at)}</span>
          </div>
          {'locked' in m ? (
            <p className="text-slate-500 italic dark:text-slate-400">Locked. Unlock the {m.tier} tier to read it.</p>
          ) : (
            <>
              <p className="break-words whitespace-pre-wrap">{m.content}</p>
              {m.tags.length > 0 && <p className="text-xs text-slate-600 dark:text-slate-400">{m.tags.map((t) => `#${t}`).join(' ')}</p>}
              {m.reasoning && <p className="text-xs text-slate-600 dark:text-slate-400">Why: {m.reasoning}</p>}
            </>
          )}
          <MemoryActions id={m.id} tier={m.tier} />
        </li>
      ))}
    </ul>
  )
}
