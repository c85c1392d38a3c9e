/// <reference lib="webworker" />
// The service worker (bundled into public/sw.js by `serwist build`). It precaches the app shell
// (built scripts and styles, icons, the prerendered landing and offline pages) and serves the
// offline page for any page it cannot fetch. Nothing a signed-in person sees is cached: pages,
// their RSC payloads and every /api response go to the network only, so no memory of any tier —
// and never one of tier ≥ 2 — lands in Cache Storage. The live events stream is not handled at
// all: the browser fetches it directly, so the worker neither relays a response that never ends
// nor stays awake for it. Captures queued offline are sent on Background Sync.
import type { PrecacheEntry, SerwistGlobalConfig } from 'serwist'
import { CacheFirst, ExpirationPlugin, NetworkOnly, Serwist } from 'serwist'
import { MEMORY_EVENTS_PATH } from '@/lib/live/events'
import { replay, SYNC_TAG } from '@/lib/offline/outbox'

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined
  }
}
declare const self: ServiceWorkerGlobalScope

interface SyncEvent extends ExtendableEvent {
  readonly tag: string
}

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: true,
  runtimeCaching: [
    // Built assets are content-hashed and hold no user data.
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && (url.pathname.startsWith('/_next/static/') || url.pathname.startsWith('/icons/')),
      handler: new CacheFirst({ cacheName: 'static', plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 3600 })] }),
    },
    // Everything else of ours (pages, RSC payloads, /api) carries a person's data: network only.
    { matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname !== MEMORY_EVENTS_PATH, handler: new NetworkOnly() },
  ],
  fallbacks: {
    entries: [{ url: '/~offline', matcher: ({ request }) => request.destination === 'document' }],
  },
})

self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent
  if (sync.tag !== SYNC_TAG) return
  sync.waitUntil(
    replay().then((result) => {
      // Throwing asks the browser to retry the sync later.
      if (result.interrupted) throw new Error('outbox not fully sent')
    }),
  )
})

serwist.addEventListeners()
