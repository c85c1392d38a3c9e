// Runs once when a server starts: applies pending migrations before traffic arrives. A failure
// is logged with what to check and retried on the next request; the server keeps running so
// /api/health can say what is wrong instead of the process crash-looping. Errors that Next.js
// itself logs are reduced to their class and code first (no query parameters in the log).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  if (process.env.NEXT_PHASE === 'phase-production-build') return
  const { scrubConsoleErrors } = await import('@/lib/log')
  scrubConsoleErrors()
  const { refuseForbiddenMethods } = await import('@/lib/http/forbidden-methods')
  refuseForbiddenMethods()
  const { startup } = await import('@/lib/startup')
  await startup()
}
