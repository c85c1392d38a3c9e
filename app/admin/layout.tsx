import type { Metadata } from 'next'
import Link from 'next/link'
import { requireAdminPage } from '@/lib/admin/page'

export const metadata: Metadata = { title: { template: '%s · Admin · mnemo', default: 'Admin · mnemo' } }

const SECTIONS = [
  ['/admin/users', 'Users'],
  ['/admin/analytics', 'Analytics'],
  ['/admin/system', 'System'],
  ['/admin/audit', 'Audit'],
] as const

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  // Each page checks too: a layout is not re-run on client navigation.
  await requireAdminPage()
  return (
    <div className="mx-auto flex min-h-dvh max-w-6xl flex-col">
      <header className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-slate-200 px-4 py-3 dark:border-slate-700">
        <Link href="/admin/users" className="font-semibold tracking-widest uppercase">
          mnemo admin
        </Link>
        <nav aria-label="Admin" className="flex flex-wrap items-center gap-4 text-sm">
          {SECTIONS.map(([href, label]) => (
            <Link key={href} href={href} className="underline-offset-2 hover:underline">
              {label}
            </Link>
          ))}
          <Link href="/docs" className="underline-offset-2 hover:underline">
            API docs
          </Link>
          <Link href="/home" className="underline-offset-2 hover:underline">
            Back to the app
          </Link>
        </nav>
      </header>
      <main className="flex flex-1 flex-col gap-6 px-4 pt-4 pb-8">{children}</main>
    </div>
  )
}
