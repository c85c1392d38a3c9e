'use client'
// Browser side of passkeys: asks the server for options, runs the ceremony, sends the answer.
import { startAuthentication, startRegistration } from '@simplewebauthn/browser'

async function post(path: string, body?: unknown) {
  const response = await fetch(path, {
    method: 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const data = response.status === 204 ? {} : await response.json()
  if (!response.ok) throw new Error((data as { error?: { message?: string } }).error?.message ?? 'The request failed.')
  return data
}

export async function addPasskey(name: string) {
  const optionsJSON = await post('/api/v1/passkeys/options')
  const response = await startRegistration({ optionsJSON })
  return post('/api/v1/passkeys', { name, response })
}

export async function unlockWithPasskey(tier: string): Promise<{ unlocked_until: string }> {
  const optionsJSON = await post('/api/v1/unlock/options', { tier })
  const response = await startAuthentication({ optionsJSON })
  return post('/api/v1/unlock', { tier, response })
}

export function unlockWithPassword(password: string) {
  return post('/api/v1/unlock/password', { password })
}

export function lockNow() {
  return post('/api/v1/lock')
}
