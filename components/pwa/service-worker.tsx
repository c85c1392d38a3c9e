'use client'

import { useEffect } from 'react'

/**
 * Registers the service worker (production builds only: `next dev` does not build public/sw.js)
 * once the page has loaded: installing it precaches about 1 MB, which would otherwise compete
 * with the first visit's own requests and CPU while the page is becoming interactive.
 */
export function ServiceWorker() {
  useEffect(() => {
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return
    const register = () => {
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error) => console.warn('[mnemo] service worker not registered', error))
    }
    if (document.readyState === 'complete') {
      register()
      return
    }
    window.addEventListener('load', register, { once: true })
    return () => window.removeEventListener('load', register)
  }, [])
  return null
}
