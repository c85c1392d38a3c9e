import type { Metadata } from 'next'
import Link from 'next/link'
import { OfflineOutbox } from '@/components/timeline/offline-outbox'

export const metadata: Metadata = { title: 'Offline' }

/** Served by the service worker for a page it cannot fetch or find in its cache. */
export default function OfflinePage() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col justify-center gap-4 px-4 py-6">
      <h1 className="text-2xl font-bold">You are offline</h1>
      <p>mnemo keeps nothing you wrote on this device except what is still waiting to be sent; that goes out as soon as the connection returns.</p>
      <OfflineOutbox />
      <Link href="/home" className="self-start rounded-lg bg-indigo-700 px-4 py-2 font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700">
        Back to the timeline
      </Link>
    </main>
  )
}
