import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { PasskeySignIn } from '@/components/auth/passkey-sign-in'
import { SignInForm } from '@/components/auth/sign-in-form'
import { sessionPrincipal } from '@/lib/auth/principal'
import { parseSignInCode } from '@/lib/auth/sign-in-codes'

export const metadata: Metadata = { title: 'Sign in' }

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string; error?: string; code?: string }> }) {
  if (await sessionPrincipal()) redirect('/home')
  const { next, error, code } = await searchParams
  // Auth.js's own form post lands here with `?error=CredentialsSignin&code=…` after a refusal.
  const refusal = error === 'CredentialsSignin' ? parseSignInCode(typeof code === 'string' ? code : undefined) : null
  return (
    <>
      <h1 className="text-3xl font-bold">Sign in</h1>
      <SignInForm next={next} error={refusal} />
      <p className="text-center text-sm text-slate-600 dark:text-slate-400">or</p>
      <PasskeySignIn next={next} />
    </>
  )
}
