import type { Metadata, Viewport } from 'next'
import { headers } from 'next/headers'
import { ServiceWorker } from '@/components/pwa/service-worker'
import './globals.css'

export const metadata: Metadata = {
  title: { default: 'mnemo', template: '%s · mnemo' },
  description: 'A private memory vault: write to yourself, and mnemo keeps every secret in its place.',
}

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f8fafc' },
    { media: '(prefers-color-scheme: dark)', color: '#0f172a' },
  ],
}

const THEME_SCRIPT = `try{var t=localStorage.getItem('mnemo-theme');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The Content-Security-Policy nonce proxy.ts made for this response (so every page renders per request).
  const nonce = (await headers()).get('x-nonce') ?? undefined
  return (
    <html lang="en" data-theme="system" suppressHydrationWarning>
      <head>
        {/* The theme chosen on this device, applied before the first paint (no flash). */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-dvh bg-slate-50 text-slate-900 antialiased dark:bg-slate-900 dark:text-slate-100">
        {children}
        <ServiceWorker />
      </body>
    </html>
  )
}
