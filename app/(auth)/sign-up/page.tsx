import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import { SignUpForm } from '@/components/auth/sign-up-form'
import { sessionPrincipal } from '@/lib/auth/principal'

export const metadata: Metadata = { title: 'Create an account' }

export default async function SignUpPage() {
  if (await sessionPrincipal()) redirect('/home')
  return (
    <>
      <h1 className="text-3xl font-bold">Create your vault</h1>
      <SignUpForm />
    </>
  )
}
