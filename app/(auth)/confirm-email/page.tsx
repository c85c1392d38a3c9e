import type { Metadata } from 'next'
import { ConfirmEmailForm } from '@/components/auth/confirm-email-form'

export const metadata: Metadata = { title: 'Confirm your email address' }

/** The link mailed to a new address. Confirming takes a click: mail scanners that open links must not confirm. */
export default async function ConfirmEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams
  return (
    <>
      <h1 className="text-3xl font-bold">Confirm your email address</h1>
      {token ? <ConfirmEmailForm token={token} /> : <p>This page needs the link from your email.</p>}
    </>
  )
}
