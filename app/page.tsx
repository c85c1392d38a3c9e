import Link from 'next/link'
import { TierList } from '@/components/landing/tier-list'

export default function LandingPage() {
  return (
    <main className="mx-auto flex max-w-2xl flex-col gap-10 px-6 py-16">
      <header className="flex flex-col gap-4">
        <p className="text-sm font-semibold tracking-widest text-slate-500 uppercase dark:text-slate-400">mnemo</p>
        <h1 className="text-4xl font-bold tracking-tight">Your memory, kept private.</h1>
        <p className="text-lg text-slate-600 dark:text-slate-300">
          Send yourself short messages from the app, online or offline. mnemo sorts each one into a
          security tier, encrypts what is personal, unlocks your secrets only with your passkey, and
          lets you search what you wrote by words, typos or meaning.
        </p>
        <div className="flex gap-3">
          <Link
            href="/sign-in"
            className="rounded-lg bg-slate-900 px-5 py-2.5 font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:bg-white dark:text-slate-900 dark:hover:bg-slate-200"
          >
            Sign in
          </Link>
          <Link
            href="/sign-up"
            className="rounded-lg border border-slate-300 px-5 py-2.5 font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            Create an account
          </Link>
        </div>
      </header>
      <section aria-labelledby="tiers-heading" className="flex flex-col gap-4">
        <h2 id="tiers-heading" className="text-xl font-semibold">
          Five tiers, each protected for what it holds
        </h2>
        <TierList />
      </section>
      <footer className="text-sm text-slate-500 dark:text-slate-400">
        Runs on your own machine. No AI provider sees your secrets unless you configure one.
      </footer>
    </main>
  )
}
