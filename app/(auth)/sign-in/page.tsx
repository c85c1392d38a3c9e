import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
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
    </>
  )
}
