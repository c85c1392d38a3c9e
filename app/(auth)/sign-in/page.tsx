import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { PasskeySignIn } from '@/components/auth/passkey-sign-in'
import { SignInForm } from '@/components/auth/sign-in-form'
import { sessionPrincipal } from '@/lib/auth/principal'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (await sessionPrincipal()) redirect('/home')
  const { next } = await searchParams
  return (
    <>
      <h1 className="text-3xl font-bold">Sign in</h1>
      <SignInForm next={next} />
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">or</p>
      <PasskeySignIn next={next} />
    </>
  )
}
