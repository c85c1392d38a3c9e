import Link from 'next/link'
import { InstallPrompt } from '@/components/pwa/install-prompt'
import { SkipLink } from '@/components/ui/skip-link'
import { SignOutButton } from '@/components/pwa/sign-out-button'
import { ProtectedViewGuard } from '@/components/security/protected-view-guard'
import { signOutAction } from './actions'
import { sessionPrincipal } from '@/lib/auth/page'
import { countUnread } from '@/lib/notify'

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Each page checks the session itself (and redirects to sign-in with its own path);
  // layouts are not re-run on client navigation, so they cannot be the guard.
  const principal = await sessionPrincipal()
  if (!principal) return children
  const { user } = principal
  const unread = await countUnread({ userId: user.id })
  return (
    <div className="mx-auto flex min-h-dvh max-w-3xl flex-col">
      <SkipLink />
      <header className="flex items-center justify-between gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-700">
        <Link href="/home" className="font-semibold tracking-widest uppercase">
          mnemo
        </Link>
        {/* On a phone the links, an alerts badge and an install button may not fit one line: they wrap, never past the screen. */}
        <nav aria-label="Main" className="flex flex-wrap items-center justify-end gap-x-3 gap-y-1 text-sm whitespace-nowrap sm:gap-x-4">
          <InstallPrompt />
          <Link href="/home" className="underline-offset-2 hover:underline">
            Timeline
          </Link>
          <Link href="/search" className="underline-offset-2 hover:underline">
            Search
          </Link>
          <Link href="/settings" className="underline-offset-2 hover:underline">
            Settings
          </Link>
          {unread > 0 && (
            <Link
              href="/settings#alerts"
              aria-label={`${unread} unread ${unread === 1 ? 'alert' : 'alerts'}`}
              className="rounded-full bg-red-700 px-2 py-0.5 text-xs font-medium text-white"
              data-testid="alerts-badge"
            >
              {unread}
              <span className="hidden sm:inline"> {unread === 1 ? 'alert' : 'alerts'}</span>
            </Link>
          )}
          <span className="hidden text-slate-500 sm:inline dark:text-slate-400">{user.name ?? user.phone}</span>
          <SignOutButton userId={user.id} action={signOutAction} />
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="flex flex-1 flex-col gap-8 px-4 pt-4 pb-6 focus:outline-none">{children}</main>
      <ProtectedViewGuard />
    </div>
  )
}
