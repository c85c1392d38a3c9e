import type { Metadata } from 'next'
import { ForgotPasswordForm } from '@/components/auth/forgot-password-form'

export const metadata: Metadata = { title: 'Forgot your password' }

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="text-3xl font-bold">Reset your password</h1>
      <p className="text-slate-600 dark:text-slate-300">We email a link to the address on your account. It works once, for 30 minutes.</p>
      <ForgotPasswordForm />
    </>
  )
}
