// Relying-party settings for passkeys: the RP id (a domain) and the origins allowed to use it.
import { publicOrigin } from '@/lib/auth/password-reset'

export function relyingParty(): { id: string; name: string; origins: string[] } {
  const origin = process.env.MNEMO_WEBAUTHN_ORIGIN ?? publicOrigin()
  const id = process.env.MNEMO_WEBAUTHN_RP_ID ?? new URL(origin).hostname
  const origins = [origin, ...(process.env.MNEMO_WEBAUTHN_EXTRA_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean) ?? [])]
  return { id, name: 'mnemo', origins }
}

function minutes(name: string, fallback: number): number {
  const value = Number(process.env[name])
  return (Number.isFinite(value) && value > 0 ? value : fallback) * 60_000
}

/** How long a tier stays unlocked after a passkey step-up (15 and 5 minutes unless shortened). */
export function unlockWindowMs(key: '2' | '3' | '4'): number {
  return key === '4' ? minutes('MNEMO_ULTRASECRET_UNLOCK_MINUTES', 5) : minutes('MNEMO_UNLOCK_MINUTES', 15)
}
