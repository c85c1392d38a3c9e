import Link from 'next/link'
import { ForgetDeviceUser } from '@/components/auth/forget-device-user'

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-6 px-6 py-12">
      <Link href="/" className="text-sm font-semibold tracking-widest text-slate-600 uppercase dark:text-slate-400">
        mnemo
      </Link>
      {children}
      <ForgetDeviceUser />
    </main>
  )
}
