import type { Metadata } from 'next'
import { Composer } from '@/components/capture/composer'
import { MemoryList } from '@/components/capture/memory-list'
import { UnlockBar } from '@/components/security/unlock-bar'
import { requirePageUser } from '@/lib/auth/page'
import { listMemories } from '@/lib/memories'
import { unlockState } from '@/lib/memories/unlock-state'

export const metadata: Metadata = { title: 'Capture' }

export default async function HomePage() {
  const principal = await requirePageUser('/home')
  const { items } = await listMemories(principal, { limit: 50 })
  return (
    <>
      <section aria-labelledby="capture-heading" className="flex flex-col gap-3">
        <h1 id="capture-heading" className="text-2xl font-bold">
          Capture{principal.user.name ? `, ${principal.user.name}` : ''}
        </h1>
        <Composer />
      </section>
      <section aria-labelledby="list-heading" className="flex flex-col gap-3">
        <h2 id="list-heading" className="text-xl font-semibold">
          What you captured
        </h2>
        <UnlockBar state={unlockState(principal)} />
        <MemoryList items={items} />
      </section>
    </>
  )
}
