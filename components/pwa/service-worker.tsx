'use client'

import { useEffect } from 'react'

/** Registers the service worker (production builds only: `next dev` does not build public/sw.js). */
export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error) => console.warn('[mnemo] service worker not registered', error))
  }, [])
  return null
}
