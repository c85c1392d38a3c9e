// Passkeys (@simplewebauthn/server): registration, and the step-up ceremony (user verification
// required) that unlocks tiers 2–3 for 15 minutes and tier 4 for 5. Challenges are single use
// and live 5 minutes (expired ones are purged as new ones are stored); the signature counter
// must not go backwards.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import { getDb } from '@/db'
import { insertAuthChallenge, takeAuthChallenge } from '@/db/queries/auth-challenges'
import { deletePasskeyById, getPasskeyById, insertPasskey, listPasskeysByUser, markPasskeyUsedById, renamePasskeyById } from '@/db/queries/passkeys'
import { closePasskeyUnlocksByUser, closeUnlockWindowsByUser, openSessionUnlocksById } from '@/db/queries/sessions'
import type { Passkey } from '@/db/schema'
import { withUser } from '@/db/with-user'
import { uniqueViolation } from '@/lib/accounts/register'
import { recordAccess } from '@/lib/audit'
import { publishLockEvent } from '@/lib/live/publish'
import type { Principal } from '@/lib/auth/principal-type'
import { AppError } from '@/lib/errors'
import type { RequestInfo } from '@/lib/http/request-info'
import { assertNotLimited, consumeOrThrow, countAttempt } from '@/lib/rate-limit'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'
import { relyingParty, unlockWindowMs } from './config'

const CHALLENGE_TTL_MS = 5 * 60_000

async function storeChallenge(userId: string | null, sessionId: string | undefined, challenge: string, purpose: string) {
  await insertAuthChallenge(await getDb(), { userId, sessionId, challenge, purpose, expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) })
}

/** Takes the challenge out (single use) if this session of this user asked for it, for this purpose, and it is fresh. */
async function takeChallenge(principal: Principal, purpose: string, challenge: string): Promise<boolean> {
  return takeAuthChallenge(await getDb(), { challenge, userId: principal.user.id, sessionId: principal.sessionId ?? null, purpose })
}

function clientChallenge(response: { response: { clientDataJSON: string } }): string {
  let challenge: unknown
  try {
    challenge = (JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown } | null)?.challenge
  } catch {
    challenge = undefined
  }
  // Decoded junk can still be JSON (a number, null, an object without a challenge): only a
  // base64url string names a challenge we could have issued.
  if (typeof challenge !== 'string' || !/^[A-Za-z0-9_-]{1,512}$/.test(challenge)) {
    throw new AppError('bad_request:passkey', { message: 'The passkey answer is malformed.' })
  }
  return challenge
}

export function listPasskeys(userId: string): Promise<Passkey[]> {
  return withUser(userId, (tx) => listPasskeysByUser(tx, { userId }))
}

/** How recently the password (or a passkey) must have been given to add or remove a passkey. */
export const OWNER_PRESENT_MS = 10 * 60_000

/**
 * Adding or removing a passkey changes who can open the secret tiers, so a session cookie alone
 * may not: the password given within 10 minutes (a sign-in, or confirming it), or an open passkey
 * step-up, which only an existing passkey gives.
 */
function assertOwnerPresent(principal: Principal, now = Date.now()) {
  if (principal.kind !== 'session') throw new AppError('forbidden:token', { message: 'Manage passkeys from a signed-in session.' })
  const session = principal.session
  const fresh = session?.freshAuthAt ? now - session.freshAuthAt.getTime() <= OWNER_PRESENT_MS : false
  const steppedUp = ['3', '4'].some((key) => {
    const until = session?.unlocks?.[key]
    return until ? Date.parse(until) > now : false
  })
  if (!fresh && !steppedUp) {
    // The client confirms the password (POST /api/v1/unlock/password) and asks again.
    throw new AppError('forbidden:reauth', { message: 'Confirm your password to change your passkeys.', details: { unlock: 'password' } })
  }
}

export async function registrationOptions(principal: Principal) {
  assertOwnerPresent(principal)
  const existing = await listPasskeys(principal.user.id)
  const rp = relyingParty()
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: principal.user.phone,
    userDisplayName: principal.user.name ?? principal.user.phone,
    userID: new TextEncoder().encode(principal.user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports as never })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
  })
  await storeChallenge(principal.user.id, principal.sessionId, options.challenge, 'register')
  return options
}

export async function verifyRegistration(principal: Principal, response: RegistrationResponseJSON, name: string, info: RequestInfo): Promise<Passkey> {
  assertOwnerPresent(principal)
  const userId = principal.user.id
  const challenge = clientChallenge(response)
  if (!(await takeChallenge(principal, 'register', challenge))) {
    throw new AppError('bad_request:passkey', { message: 'This passkey request expired or was already used. Try again.' })
  }
  const rp = relyingParty()
  let verification
  try {
    verification = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: rp.origins, expectedRPID: rp.id, requireUserVerification: true })
  } catch (error) {
    throw new AppError('bad_request:passkey', { message: `The passkey could not be verified: ${error instanceof Error ? error.message : 'invalid response'}` })
  }
  if (!verification.verified) throw new AppError('bad_request:passkey', { message: 'The passkey could not be verified.' })
  const { credential, credentialDeviceType, credentialBackedUp } = verification.registrationInfo
  let row: Passkey
  try {
    row = await withUser(userId, (tx) =>
      insertPasskey(tx, {
        id: credential.id,
        userId,
        name: name || 'Passkey',
        publicKey: credential.publicKey,
        counter: credential.counter,
        transports: credential.transports ?? [],
        deviceType: credentialDeviceType,
        backedUp: credentialBackedUp,
      }),
    )
  } catch (error) {
    // The same answer whether the id is this user's or someone else's: never say which.
    if (uniqueViolation(error)) throw new AppError('conflict:passkey', { message: 'This passkey is already registered.' })
    throw error
  }
  await recordAccess({ userId, action: 'passkey.register', success: true, ...info, details: { passkey: row.id.slice(0, 12) } })
  return row
}

export function renamePasskey(userId: string, id: string, name: string): Promise<boolean> {
  return withUser(userId, (tx) => renamePasskeyById(tx, { userId, id, name }))
}

/** Removes a passkey (the owner present, as to add one); with the last one gone, no session keeps a passkey unlock. */
export async function removePasskey(principal: Principal, id: string, info: RequestInfo): Promise<boolean> {
  assertOwnerPresent(principal)
  const userId = principal.user.id
  const removed = await withUser(userId, async (tx) => {
    if (!(await deletePasskeyById(tx, { userId, id }))) return false
    if ((await listPasskeysByUser(tx, { userId })).length === 0) await closePasskeyUnlocksByUser(tx, { userId })
    return true
  })
  if (removed) await recordAccess({ userId, action: 'passkey.remove', success: true, ...info, details: { passkey: id.slice(0, 12) } })
  return removed
}

type AssertionCheck =
  | { ok: true; verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>> }
  | { ok: false; reason: string }

/** Checks an assertion against a stored passkey: RP id, origin, challenge, user verification, counter. */
async function verifyAssertion(passkey: Passkey, response: AuthenticationResponseJSON, challenge: string): Promise<AssertionCheck> {
  const rp = relyingParty()
  try {
    const verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.id,
      credential: { id: passkey.id, publicKey: new Uint8Array(passkey.publicKey), counter: passkey.counter, transports: passkey.transports as never },
      requireUserVerification: true,
    })
    return verification.verified ? { ok: true, verification } : { ok: false, reason: 'the signature does not verify' }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'invalid response' }
  }
}

function unlockKey(tier: Tier): '2' | '3' | '4' {
  return String(Math.max(2, TIER_LEVEL[tier])) as '2' | '3' | '4'
}

export async function stepUpOptions(principal: Principal, tier: Tier) {
  if (principal.kind !== 'session') throw new AppError('forbidden:token', { message: 'Unlock from a signed-in session.' })
  if (TIER_LEVEL[tier] > principal.user.maxTier) throw new AppError('forbidden:tier', { message: `Your account may not open ${tier} memories.` })
  await assertNotLimited('unlock-account', principal.user.id)
  const keys = await listPasskeys(principal.user.id)
  if (keys.length === 0) throw new AppError('bad_request:passkey', { message: 'Add a passkey in Settings first.' })
  const options = await generateAuthenticationOptions({
    rpID: relyingParty().id,
    allowCredentials: keys.map((k) => ({ id: k.id, transports: k.transports as never })),
    userVerification: 'required',
  })
  await storeChallenge(principal.user.id, principal.sessionId, options.challenge, `unlock:${unlockKey(tier)}`)
  return options
}

/** Verifies the step-up and opens the tier's window on this session; returns when it closes. */
export async function verifyStepUp(principal: Principal, tier: Tier, response: AuthenticationResponseJSON, info: RequestInfo): Promise<Date> {
  const userId = principal.user.id
  const key = unlockKey(tier)
  const fail = async (reason: string, message: string): Promise<never> => {
    const lockout = await countAttempt('unlock-account', userId)
    await recordAccess({ userId, action: 'unlock', tier, success: false, ...info, riskScore: 0.6, details: { reason } })
    if (lockout) throw lockout
    throw new AppError('unauthorized:passkey', { message })
  }
  await assertNotLimited('unlock-account', userId)
  const challenge = clientChallenge(response)
  if (!(await takeChallenge(principal, `unlock:${key}`, challenge))) return fail('challenge', 'This unlock request expired or was already used. Try again.')
  const passkey = await withUser(userId, (tx) => getPasskeyById(tx, { id: response.id, userId }))
  if (!passkey) return fail('unknown_credential', 'That passkey is not one of yours.')
  const verified = await verifyAssertion(passkey, response, challenge)
  if (!verified.ok) return fail('verification', `The passkey could not be verified: ${verified.reason}`)
  const verification = verified.verification
  // A passkey step-up opens tiers 2–3 for 15 minutes; asked for tier 4, it also opens tier 4 for 5.
  const now = Date.now()
  const until = new Date(now + unlockWindowMs(key))
  const open: Record<string, string> = { '3': new Date(now + unlockWindowMs('3')).toISOString() }
  if (key === '4') open['4'] = until.toISOString()
  const db = await getDb()
  await markPasskeyUsedById(db, { id: passkey.id, counter: verification.authenticationInfo.newCounter })
  await openSessionUnlocksById(db, { userId, id: principal.sessionId!, open })
  await recordAccess({ userId, action: 'unlock', tier, success: true, ...info, details: { until: until.toISOString(), method: 'passkey' } })
  return until
}

/**
 * "Lock now": closes every unlock window of every session of the user — passkey step-ups and the
 * fresh-sign-in window of confidential — and tells their open pages (the live stream's `locked`
 * event), so protected content leaves every screen. Signing in or unlocking again reopens them.
 */
export async function lockNow(principal: Principal, info: RequestInfo): Promise<void> {
  if (principal.kind !== 'session') throw new AppError('forbidden:token', { message: 'Lock from a signed-in session.' })
  const userId = principal.user.id
  await (await getDb()).transaction(async (tx) => {
    await closeUnlockWindowsByUser(tx, { userId })
    await publishLockEvent(tx, userId)
  })
  await recordAccess({ userId, action: 'lock', success: true, ...info, details: { sessions: 'all' } })
}

/**
 * Options for signing in with a passkey: discoverable credentials, user verification required.
 * Anyone may ask, so each IP may ask only so often (each answer stores a challenge).
 */
export async function signInOptions(info: RequestInfo) {
  await assertNotLimited('login-ip', info.ip)
  await consumeOrThrow('passkey-options-ip', info.ip)
  const options = await generateAuthenticationOptions({ rpID: relyingParty().id, userVerification: 'required' })
  await storeChallenge(null, undefined, options.challenge, 'signin')
  return options
}

/** Verifies a passkey sign-in; the user is whoever owns the credential. */
export async function verifyPasskeySignIn(response: AuthenticationResponseJSON, info: RequestInfo): Promise<string> {
  await assertNotLimited('login-ip', info.ip)
  const db = await getDb()
  const challenge = clientChallenge(response)
  const taken = await takeAuthChallenge(db, { challenge, purpose: 'signin' })
  const passkey = taken ? await getPasskeyById(db, { id: response.id }) : undefined
  const refuse = async (reason: string): Promise<never> => {
    await countAttempt('login-ip', info.ip)
    await recordAccess({ userId: passkey?.userId, action: 'login', success: false, ...info, riskScore: 0.4, details: { method: 'passkey', reason } })
    throw new AppError('unauthorized:passkey', { message: 'That passkey could not sign you in.' })
  }
  if (!taken) return refuse('challenge')
  if (!passkey) return refuse('unknown_credential')
  const verified = await verifyAssertion(passkey, response, challenge)
  if (!verified.ok) return refuse('verification')
  const verification = verified.verification
  await markPasskeyUsedById(db, { id: passkey.id, counter: verification.authenticationInfo.newCounter })
  return passkey.userId
}
