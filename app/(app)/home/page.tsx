import type { Metadata } from 'next'
import Link from 'next/link'
import { requirePageUser } from '@/lib/auth/page'

export const metadata: Metadata = { title: 'Home' }

export default async function HomePage() {
  const { user } = await requirePageUser('/home')
  return (
    <section className="flex flex-col gap-3">
      <h1 className="text-2xl font-bold">Welcome{user.name ? `, ${user.name}` : ''}</h1>
      <p className="text-slate-600 dark:text-slate-300">
        You are signed in as <span className="font-medium">{user.phone}</span>
        {user.role === 'admin' ? ' (administrator of this mnemo)' : ''}.
      </p>
      <p>
        <Link href="/settings" className="underline underline-offset-2">
          Manage your profile, sessions and API tokens
        </Link>
      </p>
    </section>
  )
}
