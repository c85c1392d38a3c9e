import type { Metadata } from 'next'
import { requestInfo } from '@/lib/http/request-info'
import { headers } from 'next/headers'
import { UnlockBar } from '@/components/security/unlock-bar'
import { UnlockWatch } from '@/components/security/unlock-watch'
import { TierTabs } from '@/components/timeline/tier-tabs'
import { Timeline } from '@/components/timeline/timeline'
import { requirePageUser } from '@/lib/auth/page'
import { countReadableMemories, listMemories } from '@/lib/memories'
import { TIMELINE_PAGE, timelineLabels } from '@/lib/memories/timeline'
import { unlockLabels } from '@/lib/memories/unlock-labels'
import { unlockState } from '@/lib/memories/unlock-state'
import { TIERS } from '@/lib/tiers'
import { listPasskeys } from '@/lib/webauthn'
import { isUuid } from '@/lib/http/input'

export const metadata: Metadata = { title: 'Timeline' }

// Runs as soon as the timeline's HTML is parsed, so the page moves to the newest message then
// rather than once the JavaScript has loaded and hydrated (a browser may still paint the top of
// a long page first). Client-side navigations do not run it; the timeline scrolls itself then.
const START_AT_NEWEST = 'window.scrollTo(0,document.documentElement.scrollHeight)'

export default async function HomePage({ searchParams }: { searchParams: Promise<{ tier?: string; compose?: string; deleted?: string }> }) {
  const principal = await requirePageUser('/home')
  const params = await searchParams
  const tier = TIERS.find((t) => t === params.tier)
  // Before reading: whatever commits after this, the live stream announces.
  const renderedAt = new Date().toISOString()
  const [{ items, next_cursor }, counts, passkeys] = await Promise.all([
    listMemories(principal, { limit: TIMELINE_PAGE, tiers: tier ? [tier] : undefined }, requestInfo(await headers())),
    countReadableMemories(principal),
    listPasskeys(principal.user.id),
  ])
  const unlock = unlockState(principal)
  return (
    <div className="flex flex-1 flex-col gap-3">
      <h1 className="sr-only">Timeline{principal.user.name ? `, ${principal.user.name}` : ''}</h1>
      <TierTabs counts={counts} current={tier} renderedAt={renderedAt} />
      <UnlockWatch state={unlock} renderedAt={renderedAt} />
      <UnlockBar state={unlock} timeZone={principal.user.timezone} labels={unlockLabels(unlock, principal.user.timezone)} hasPasskey={passkeys.length > 0} />
      <Timeline
        key={tier ?? 'all'}
        userId={principal.user.id}
        timeZone={principal.user.timezone}
        items={items}
        labels={timelineLabels(items, principal.user.timezone)}
        nextCursor={next_cursor}
        tier={tier}
        autoFocus={params.compose === '1'}
        renderedAt={renderedAt}
        hasPasskey={passkeys.length > 0}
        justDeleted={isUuid(params.deleted) ? params.deleted : undefined}
      />
      <script nonce={(await headers()).get('x-nonce') ?? undefined} dangerouslySetInnerHTML={{ __html: START_AT_NEWEST }} />
    </div>
  )
}
