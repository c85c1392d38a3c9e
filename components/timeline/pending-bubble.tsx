import { TierBadge } from '@/components/capture/tier-badge'
import { clockTime } from '@/lib/dates'
import type { QueuedCapture } from '@/lib/offline/outbox'

/**
 * A capture on its way (on the timeline and on the offline page): being classified while it is
 * sent, or, kept on this device, waiting to be sent (`waiting`, the default).
 */
export function PendingBubble({ item, timeZone, onDiscard, waiting = true }: { item: QueuedCapture; timeZone: string; onDiscard?: () => void; waiting?: boolean }) {
  return (
    <li data-testid="pending-memory" className="flex flex-col items-end">
      <article aria-label="Memory waiting to be sent" className="flex max-w-[85%] flex-col gap-1.5 rounded-2xl rounded-br-md bg-indigo-50 px-3.5 py-2.5 ring-1 ring-indigo-200 dark:bg-indigo-950 dark:ring-indigo-800">
        <div className="flex items-center gap-2 text-xs text-slate-700 dark:text-slate-200">
          {item.tier ? <TierBadge tier={item.tier} /> : !waiting && <span className="rounded-full bg-slate-200 px-2 py-0.5 dark:bg-slate-700">classifying</span>}
          <time dateTime={item.written_at}>{clockTime(item.written_at, timeZone)}</time>
          <span className="ml-auto" data-testid="pending-mark">
            {item.error ? 'Not saved' : waiting ? 'waiting to be sent' : 'Sending…'}
          </span>
        </div>
        <p className="break-words whitespace-pre-wrap">{item.content}</p>
        {item.error && (
          <p className="text-xs text-red-700 dark:text-red-300">
            {item.error}{' '}
            {onDiscard && (
              <button type="button" className="underline" onClick={onDiscard}>
                Discard
              </button>
            )}
          </p>
        )}
      </article>
    </li>
  )
}
