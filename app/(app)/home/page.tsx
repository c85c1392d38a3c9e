import type { Metadata } from 'next'
import Link from 'next/link'
import { UnlockBar } from '@/components/security/unlock-bar'
import { Timeline } from '@/components/timeline/timeline'
import { requirePageUser } from '@/lib/auth/page'
import { countReadableMemories, listMemories } from '@/lib/memories'
import { TIMELINE_PAGE } from '@/lib/memories/timeline'
import { unlockState } from '@/lib/memories/unlock-state'
import { TIERS, type Tier } from '@/lib/tiers'

export const metadata: Metadata = { title: 'Timeline' }

// Runs as soon as the timeline's HTML is parsed, so the page moves to the newest message then
// rather than once the JavaScript has loaded and hydrated (a browser may still paint the top of
// a long page first). Client-side navigations do not run it; the timeline scrolls itself then.
const START_AT_NEWEST = 'window.scrollTo(0,document.documentElement.scrollHeight)'

export default async function HomePage({ searchParams }: { searchParams: Promise<{ tier?: string; compose?: string }> }) {
  const principal = await requirePageUser('/home')
  const params = await searchParams
  const tier = TIERS.find((t) => t === params.tier)
  const [{ items, next_cursor }, counts] = await Promise.all([
    listMemories(principal, { limit: TIMELINE_PAGE, tiers: tier ? [tier] : undefined }),
    countReadableMemories(principal),
  ])
  const tab = (value: Tier | undefined, label: string) => {
    const count = value ? counts[value] : undefined
    const current = tier === value
    return (
      <li key={value ?? 'all'}>
        <Link
          href={value ? `/home?tier=${value}` : '/home'}
          aria-current={current ? 'page' : undefined}
          className={`block rounded-full px-3 py-1 whitespace-nowrap ${current ? 'bg-indigo-700 text-white dark:bg-indigo-400 dark:text-slate-900' : 'text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800'}`}
        >
          {label}
          {count !== undefined && <span className="ml-1 opacity-80">{count}</span>}
        </Link>
      </li>
    )
  }
  return (
    <div className="flex flex-1 flex-col gap-3">
      <h1 className="sr-only">Timeline{principal.user.name ? `, ${principal.user.name}` : ''}</h1>
      <nav aria-label="Tiers">
        <ul className="-mx-1 flex gap-1 overflow-x-auto px-1 pb-1 text-sm">
          {tab(undefined, 'All')}
          {TIERS.map((t) => tab(t, t))}
        </ul>
      </nav>
      <UnlockBar state={unlockState(principal)} timeZone={principal.user.timezone} />
      <Timeline
        key={tier ?? 'all'}
        userId={principal.user.id}
        timeZone={principal.user.timezone}
        items={items}
        nextCursor={next_cursor}
        tier={tier}
        autoFocus={params.compose === '1'}
      />
      <script dangerouslySetInnerHTML={{ __html: START_AT_NEWEST }} />
    </div>
  )
}
