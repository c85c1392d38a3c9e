// Until when each protected tier is open for a signed-in session (null: locked).
import type { Principal } from '@/lib/auth/principal-type'
import { FRESH_LOGIN_MS } from './access'

export function unlockState(principal: Principal, now = Date.now()) {
  const open = (key: string) => {
    const until = principal.session?.unlocks?.[key]
    return until && Date.parse(until) > now ? until : null
  }
  const fresh = principal.session?.freshAuthAt ? principal.session.freshAuthAt.getTime() + FRESH_LOGIN_MS : 0
  const passkey = open('3')
  const confidential = [fresh > now ? new Date(fresh).toISOString() : null, passkey].filter(Boolean).sort().pop() ?? null
  return { confidential, secret: passkey, ultrasecret: open('4') }
}
