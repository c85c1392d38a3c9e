'use client'

import { useEffect, useRef } from 'react'
import { listenToMemoryEvents, type LiveListener } from '@/lib/live/client'

/**
 * Calls the latest handlers for each live memory event while the component is mounted;
 * `renderedAt` is when the server read the data the component first showed.
 */
export function useMemoryEvents(handlers: LiveListener, renderedAt?: string) {
  const latest = useRef(handlers)
  // The stream outlives re-renders: only the render time of the first one matters to it.
  const firstRender = useRef(renderedAt)
  useEffect(() => {
    latest.current = handlers
  })
  useEffect(
    () =>
      listenToMemoryEvents(
        {
          onEvent: (message) => latest.current.onEvent(message),
          onResync: () => latest.current.onResync(),
        },
        firstRender.current,
      ),
    [],
  )
}
