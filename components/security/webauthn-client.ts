'use client'
// Browser side of passkeys: asks the server for options, runs the ceremony, sends the answer.
// The WebAuthn library is loaded when a ceremony starts (each needs the server first anyway):
// pages that only offer a passkey button do not evaluate it while loading.

/** A refusal of the server, with its error code (`forbidden:reauth`: confirm the password first). */
export class PasskeyRequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message)
  }
}

/** The code of a passkey change that needs the password given again first (unlockWithPassword, then retry). */
export const NEEDS_PASSWORD = 'forbidden:reauth'

async function post(path: string, body?: unknown) {
  const response = await fetch(path, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = response.status === 204 ? {} : await response.json()
  if (!response.ok) {
    const error = (data as { error?: { message?: string; code?: string } }).error
    throw new PasskeyRequestError(error?.message ?? 'The request failed.', error?.code)
  }
  return data
}

export async function addPasskey(name: string) {
  const [optionsJSON, { startRegistration }] = await Promise.all([post('/api/v1/passkeys/options'), import('@simplewebauthn/browser')])
  const response = await startRegistration({ optionsJSON })
  return post('/api/v1/passkeys', { name, response })
}

export async function unlockWithPasskey(tier: string): Promise<{ unlocked_until: string }> {
  const [optionsJSON, { startAuthentication }] = await Promise.all([post('/api/v1/unlock/options', { tier }), import('@simplewebauthn/browser')])
  const response = await startAuthentication({ optionsJSON })
  return post('/api/v1/unlock', { tier, response })
}

export function unlockWithPassword(password: string) {
  return post('/api/v1/unlock/password', { password })
}

export function lockNow() {
  return post('/api/v1/lock')
}
