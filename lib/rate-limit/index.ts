// Rate limits and lockouts shared by every app instance: rate-limiter-flexible's Drizzle store
// on the `rate_limits` table. Keys are hashed so no phone, email or IP is stored in the clear.
// The store writes its statements itself, from the table it is handed; this module writes none.
import { createHash } from 'node:crypto'
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible'
import { getDb } from '@/db'
import { rateLimits } from '@/db/schema'
import { AppError } from '@/lib/errors'

export type LimitPolicy = 'login-account' | 'login-ip' | 'passkey-options-ip' | 'register-ip' | 'reset-account' | 'reset-ip' | 'unlock-account'

interface PolicyConfig {
  points: number
  duration: number
  blockDuration: number
  surface: string
}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value > 0 ? value : fallback
}

/** Read at call time, so an operator (or a test) can change the limits without a rebuild. */
export function policyConfig(policy: LimitPolicy): PolicyConfig {
  const lockout = envNumber('MNEMO_LOGIN_LOCKOUT_SECONDS', 900)
  switch (policy) {
    case 'login-account':
      return { points: envNumber('MNEMO_LOGIN_MAX_ATTEMPTS', 5), duration: envNumber('MNEMO_LOGIN_WINDOW_SECONDS', 900), blockDuration: lockout, surface: 'login' }
    case 'login-ip':
      return { points: envNumber('MNEMO_LOGIN_MAX_ATTEMPTS_PER_IP', 30), duration: envNumber('MNEMO_LOGIN_WINDOW_SECONDS', 900), blockDuration: lockout, surface: 'login' }
    case 'passkey-options-ip':
      // Each answer stores a challenge row; a person signing in asks a few times a minute at most.
      return { points: envNumber('MNEMO_PASSKEY_OPTIONS_MAX_PER_IP', 20), duration: 60, blockDuration: 60, surface: 'passkey' }
    case 'register-ip':
      return { points: envNumber('MNEMO_REGISTER_MAX_PER_IP', 10), duration: 3600, blockDuration: 3600, surface: 'register' }
    case 'reset-account':
      return { points: envNumber('MNEMO_RESET_MAX_PER_ACCOUNT', 3), duration: 3600, blockDuration: 3600, surface: 'password_reset' }
    case 'reset-ip':
      return { points: envNumber('MNEMO_RESET_MAX_PER_IP', 10), duration: 3600, blockDuration: 3600, surface: 'password_reset' }
    case 'unlock-account':
      return { points: 3, duration: 600, blockDuration: 900, surface: 'unlock' }
  }
}

const limiters = new Map<string, RateLimiterDrizzle>()

async function limiterFor(policy: LimitPolicy): Promise<{ limiter: RateLimiterDrizzle; config: PolicyConfig }> {
  const config = policyConfig(policy)
  const db = await getDb()
  const cacheKey = `${policy}:${config.points}:${config.duration}:${config.blockDuration}`
  let limiter = limiters.get(cacheKey)
  if (!limiter || (limiter as unknown as { drizzleClient: unknown }).drizzleClient !== db) {
    limiter = new RateLimiterDrizzle({
      storeClient: db,
      schema: rateLimits,
      keyPrefix: policy,
      points: config.points,
      duration: config.duration,
      blockDuration: config.blockDuration,
      clearExpiredByTimeout: false,
    })
    limiters.set(cacheKey, limiter)
  }
  return { limiter, config }
}

function hashKey(key: string): string {
  return createHash('sha256').update(key.toLowerCase()).digest('base64url')
}

function limited(config: PolicyConfig, res: RateLimiterRes): AppError {
  return new AppError(`rate_limited:${config.surface}`, {
    message: 'Too many attempts. Try again later.',
    retryAfter: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
  })
}

/** Throws 429 (with Retry-After) when the key is locked out; consumes nothing. */
export async function assertNotLimited(policy: LimitPolicy, key: string): Promise<void> {
  const { limiter, config } = await limiterFor(policy)
  const res = await limiter.get(hashKey(key))
  if (res && res.remainingPoints <= 0 && res.msBeforeNext > 0) throw limited(config, res)
}

/**
 * Counts one failed attempt. When it uses up the allowance the key is locked for the policy's
 * block duration from now, and the lockout error is returned (the caller logs it).
 */
export async function countAttempt(policy: LimitPolicy, key: string): Promise<AppError | null> {
  const { limiter, config } = await limiterFor(policy)
  try {
    const res = await limiter.consume(hashKey(key))
    if (res.remainingPoints > 0) return null
    return limited(config, await limiter.block(hashKey(key), config.blockDuration))
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return limited(config, rejection)
    throw rejection
  }
}

/** Counts one attempt and throws 429 when the allowance was already used up. */
export async function consumeOrThrow(policy: LimitPolicy, key: string): Promise<void> {
  const { limiter, config } = await limiterFor(policy)
  try {
    await limiter.consume(hashKey(key))
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw limited(config, rejection)
    throw rejection
  }
}

/** Forgets the failures of a key (after a successful sign-in). */
export async function clearAttempts(policy: LimitPolicy, key: string): Promise<void> {
  const { limiter } = await limiterFor(policy)
  await limiter.delete(hashKey(key))
}
