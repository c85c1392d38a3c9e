'use client'

import { useEffect } from 'react'
import { setCurrentUser } from '@/lib/offline/outbox'

/**
 * On the signed-out pages: this device no longer has a signed-in person, so the offline page
 * shows nobody's waiting captures (they stay sealed for their owner's next sign-in).
 */
export function ForgetDeviceUser() {
  useEffect(() => {
    void setCurrentUser(null).catch(() => {})
  }, [])
  return null
}
