import type { Metadata } from 'next'
import { headers } from 'next/headers'
import Link from 'next/link'
import { RecentlyDeleted } from '@/components/timeline/recently-deleted'
import { requirePageUser } from '@/lib/auth/page'
import { requestInfo } from '@/lib/http/request-info'
import { UNDO_WINDOW_DAYS } from '@/lib/memories'
import { listRecentlyDeleted } from '@/lib/memories/recently-deleted'

export const metadata: Metadata = { title: 'Recently deleted' }

export default async function DeletedPage() {
  const principal = await requirePageUser('/deleted')
  const items = await listRecentlyDeleted(principal, requestInfo(await headers()))
  return (
    <div className="flex flex-col gap-4">
      <p>
        <Link href="/home" className="text-sm underline-offset-2 hover:underline">
          ← Timeline
        </Link>
      </p>
      <h1 className="text-2xl font-bold">Recently deleted</h1>
      <p className="text-slate-700 dark:text-slate-300">Deleted memories stay here for {UNDO_WINDOW_DAYS} days; restore one to put it back on your timeline. After that they are gone for good.</p>
      <RecentlyDeleted items={items} timeZone={principal.user.timezone} />
    </div>
  )
}
