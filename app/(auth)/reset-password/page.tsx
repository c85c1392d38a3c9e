import type { Metadata } from 'next'
import Link from 'next/link'
import { ResetPasswordForm } from '@/components/auth/reset-password-form'

export const metadata: Metadata = { title: 'Choose a new password' }

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams
  return (
    <>
      <h1 className="text-3xl font-bold">Choose a new password</h1>
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p>
          This page needs the link from your email.{' '}
          <Link href="/forgot-password" className="underline underline-offset-2">
            Ask for a new one
          </Link>
          .
        </p>
      )}
    </>
  )
}
