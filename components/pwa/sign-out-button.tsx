'use client'

import { useRef } from 'react'
import { clearUser, listQueued } from '@/lib/offline/outbox'
import { closeForSignOut } from '@/components/security/open-tiers'
import { scrubInlinePageData } from '@/components/security/scrub-page-data'

/**
 * Sign out. Captures still waiting on this device would be lost, so it asks first; then the
 * user's outbox and the runtime caches are cleared, and protected content leaves the page,
 * before the session ends.
 */
export function SignOutButton({ userId, action }: { userId: string; action: () => Promise<void> }) {
  const cleared = useRef(false)
  return (
    <form
      action={action}
      onSubmit={async (event) => {
        if (cleared.current) return
        event.preventDefault()
        const form = event.currentTarget
        const waiting = (await listQueued(userId).catch(() => [])).filter((q) => !q.error).length
        if (waiting && !window.confirm(`${waiting} ${waiting === 1 ? 'memory has' : 'memories have'} not been sent yet and will be lost. Sign out anyway?`)) return
        await clearUser(userId).catch(() => {})
        // Signing out is a client-side navigation: what the page was loaded with (protected
        // text included) would stay in it, and in the router's cache for Back.
        closeForSignOut()
        scrubInlinePageData()
        cleared.current = true
        form.requestSubmit()
      }}
    >
      <button type="submit" className="rounded-md px-2 py-1 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
        Sign out
      </button>
    </form>
  )
}
