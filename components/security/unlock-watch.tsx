'use client'

import { useLayoutEffect } from 'react'
import { reportUnlockState, type UnlockState } from './open-tiers'

/** Tells this tab until when the page's protected tiers are open (as the server read them at `renderedAt`). */
export function UnlockWatch({ state, renderedAt }: { state: UnlockState; renderedAt: string }) {
  const { confidential, secret, ultrasecret } = state
  useLayoutEffect(() => reportUnlockState({ confidential, secret, ultrasecret }, renderedAt), [confidential, secret, ultrasecret, renderedAt])
  return null
}
