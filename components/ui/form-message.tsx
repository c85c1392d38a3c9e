import Link from 'next/link'

/** The one-line outcome of a form, announced politely to screen readers. */
export function FormMessage({ tone, children }: { tone: 'error' | 'success'; children?: React.ReactNode }) {
  if (!children) return null
  const style =
    tone === 'error'
      ? 'border-red-300 bg-red-50 text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200'
      : 'border-emerald-300 bg-emerald-50 text-emerald-800 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200'
  return (
    <p role={tone === 'error' ? 'alert' : 'status'} className={`rounded-lg border px-3 py-2 text-sm ${style}`}>
      {children}
    </p>
  )
}

/** A form that has done its work: the outcome, and the one link onward. */
export function FormDone({ message, href, label }: { message?: string; href: string; label: string }) {
  return (
    <div className="flex flex-col gap-4">
      <FormMessage tone="success">{message}</FormMessage>
      <Link href={href} className="underline underline-offset-2">
        {label}
      </Link>
    </div>
  )
}
