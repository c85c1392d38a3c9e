import type { Metadata } from 'next'
import Link from 'next/link'
import { notFound } from 'next/navigation'
import { MemoryActions } from '@/components/capture/memory-actions'
import { TierBadge } from '@/components/capture/tier-badge'
import { EditMemory } from '@/components/timeline/edit-memory'
import { Protected } from '@/components/security/protected'
import { UnlockBar } from '@/components/security/unlock-bar'
import { UnlockWatch } from '@/components/security/unlock-watch'
import { requirePageUser } from '@/lib/auth/page'
import { dateTime } from '@/lib/dates'
import { AppError } from '@/lib/errors'
import { getMemory, type PublicMemory } from '@/lib/memories'
import type { Principal } from '@/lib/auth/principal'
import { unlockLabels } from '@/lib/memories/unlock-labels'
import { unlockState } from '@/lib/memories/unlock-state'
import { listPasskeys } from '@/lib/webauthn'
import { isUuid } from '@/lib/http/input'

export const metadata: Metadata = { title: 'Memory' }

async function lockedView(principal: Principal) {
  const hasPasskey = (await listPasskeys(principal.user.id)).length > 0
  const unlock = unlockState(principal)
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">A locked memory</h1>
      <p>This memory is in a protected tier. Unlock it to read it.</p>
      <UnlockBar state={unlock} timeZone={principal.user.timezone} labels={unlockLabels(unlock, principal.user.timezone)} hasPasskey={hasPasskey} />
    </div>
  )
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

export default async function MemoryPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const principal = await requirePageUser(`/memories/${id}`)
  if (!isUuid(id)) notFound()
  // Before reading: a lock committed after this hides what the page shows.
  const renderedAt = new Date().toISOString()
  let memory: PublicMemory
  try {
    memory = await getMemory(principal, id)
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') notFound()
    if (error instanceof AppError && error.code === 'forbidden:tier') {
      return lockedView(principal)
    }
    throw error
  }
  const entities = (memory.entities ?? {}) as Record<string, unknown>
  const people = list(entities.people)
  const places = list(entities.places)
  const organizations = list(entities.organizations)
  const when = (iso: string) => dateTime(iso, principal.user.timezone, 'long')
  // Protected content leaves the screen when its window ends or is locked (see ProtectedViewGuard).
  const article = (
    <article className="flex flex-col gap-5" aria-labelledby="memory-heading">
      <p>
        <Link href="/home" className="text-sm underline-offset-2 hover:underline">
          ← Timeline
        </Link>
      </p>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700 dark:text-slate-300">
        <h1 id="memory-heading" className="sr-only">
          Memory
        </h1>
        <TierBadge tier={memory.tier} />
        <span>
          Written <time dateTime={memory.created_at}>{when(memory.created_at)}</time>
        </span>
        {/* Shown when it names another minute than the writing: a capture is stamped twice, a few ms apart. */}
        {when(memory.occurred_at) !== when(memory.created_at) && (
          <span>
            Happened <time dateTime={memory.occurred_at}>{when(memory.occurred_at)}</time>
          </span>
        )}
        <span>Via {memory.source}</span>
      </header>
      <EditMemory id={memory.id} content={memory.content} />
      <section aria-labelledby="why-heading" className="flex flex-col gap-1">
        <h2 id="why-heading" className="text-lg font-semibold">
          Why {memory.tier}
        </h2>
        <p>{memory.reasoning ?? 'You chose this tier yourself.'}</p>
        {memory.confidence !== null && <p className="text-sm text-slate-600 dark:text-slate-400">Confidence {Math.round(memory.confidence * 100)} %{memory.model ? ` · ${memory.model}` : ''}</p>}
        <MemoryActions id={memory.id} tier={memory.tier} />
      </section>
      <section aria-labelledby="details-heading" className="flex flex-col gap-1">
        <h2 id="details-heading" className="text-lg font-semibold">
          What mnemo noticed
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">Tags</dt>
          <dd>{memory.tags.length ? memory.tags.map((t) => `#${t}`).join(' ') : 'none'}</dd>
          <dt className="font-medium">People</dt>
          <dd>{people.join(', ') || 'none'}</dd>
          <dt className="font-medium">Places</dt>
          <dd>{places.join(', ') || 'none'}</dd>
          <dt className="font-medium">Organisations</dt>
          <dd>{organizations.join(', ') || 'none'}</dd>
          <dt className="font-medium">Mood</dt>
          <dd>{typeof memory.emotion?.label === 'string' ? memory.emotion.label : 'neutral'}</dd>
        </dl>
      </section>
    </article>
  )
  return (
    <>
      <UnlockWatch state={unlockState(principal)} renderedAt={renderedAt} />
      <Protected tier={memory.tier} fallback={await lockedView(principal)}>
        {article}
      </Protected>
    </>
  )
}
