// Retries a transaction that PostgreSQL aborted to let another one through: a serialization
// failure (40001) or a deadlock (40P01). Both roll the whole transaction back, so running the
// work again from its start is safe; the work must do nothing but statements in the transaction.

const RETRYABLE = new Set(['40001', '40P01'])
const ATTEMPTS = 6

/** The SQLSTATE of a driver error, also when drizzle wraps it (DrizzleQueryError.cause). */
export function sqlState(error: unknown): string | undefined {
  for (let inner = error, depth = 0; inner instanceof Error && depth < 5; inner = inner.cause, depth++) {
    const code = (inner as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}

export function isRetryable(error: unknown): boolean {
  const state = sqlState(error)
  return state !== undefined && RETRYABLE.has(state)
}

export async function retryTransaction<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run()
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error
      // Jittered, growing pauses, so the transactions that collided do not collide again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt))
    }
  }
}
