'use client'
// Which protected tiers this page may still show, kept per tab: the newest unlock state a page
// rendered on the server reports here, a timer closes each tier when its window ends, and a
// `locked` event (every window of the user closed, from any tab or device) closes them all.
// Until a page has reported, the server's rendering stands. Content of a closed tier leaves the
// screen at once; when a timer or a lock closed it, listeners then ask the server again.
import { useSyncExternalStore } from 'react'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'

export interface UnlockState {
  confidential: string | null
  secret: string | null
  ultrasecret: string | null
}

type Key = keyof UnlockState
const KEYS: Key[] = ['confidential', 'secret', 'ultrasecret']

let known = false
let until: Record<Key, number> = { confidential: 0, secret: 0, ultrasecret: 0 }
let open: Record<Key, boolean> = { confidential: true, secret: true, ultrasecret: true }
/** Server time of the newest report, and of the latest lock: older reports are stale. */
let reportedAt = 0
let lockedAt = 0
let timer: ReturnType<typeof setTimeout> | undefined
const subscribers = new Set<() => void>()
const closedListeners = new Set<() => void>()

function recompute(announceClosed = true) {
  const now = Date.now()
  const before = open
  open = { confidential: !known || until.confidential > now, secret: !known || until.secret > now, ultrasecret: !known || until.ultrasecret > now }
  clearTimeout(timer)
  const next = Math.min(...KEYS.map((k) => until[k]).filter((t) => t > now))
  // setTimeout holds at most ~24.8 days; a longer wait is re-armed when it fires.
  if (Number.isFinite(next)) timer = setTimeout(() => recompute(), Math.min(next - now + 50, 2 ** 31 - 1))
  const closed = KEYS.some((k) => before[k] && !open[k])
  if (KEYS.some((k) => before[k] !== open[k])) for (const notify of subscribers) notify()
  if (closed && announceClosed) for (const listener of closedListeners) listener()
}

/** A page's server-rendered unlock state, read at `renderedAt` (server time, ISO 8601). */
export function reportUnlockState(state: UnlockState, renderedAt: string) {
  const at = Date.parse(renderedAt)
  if (Number.isNaN(at) || at < reportedAt || at <= lockedAt) return
  reportedAt = at
  known = true
  until = { confidential: Date.parse(state.confidential ?? '') || 0, secret: Date.parse(state.secret ?? '') || 0, ultrasecret: Date.parse(state.ultrasecret ?? '') || 0 }
  // A page's own report is the server's current view: nothing to ask again.
  recompute(false)
}

/** Every window of the user closed at `at` (server time): nothing rendered before it stays open. */
export function reportLocked(at: string) {
  lockedAt = Math.max(lockedAt, Date.parse(at) || Date.now())
  known = true
  until = { confidential: 0, secret: 0, ultrasecret: 0 }
  recompute()
}

/**
 * Signing out: every tier closes, and no page rendered so far (one Back brings from the router's
 * cache) opens one again; pages rendered after the next sign-in do. Listeners are not asked to
 * load the page again, the sign-out does. Server time is not known here, so the newest page's
 * render time stands for "now".
 */
export function closeForSignOut() {
  lockedAt = Math.max(lockedAt, reportedAt)
  known = true
  until = { confidential: 0, secret: 0, ultrasecret: 0 }
  recompute(false)
}

/** Checks the windows against the clock now (a tab coming back from the background). */
export function recheckOpenTiers() {
  recompute()
}

/** The page is leaving for the back-forward cache: what it shows must not be restored. */
export function closeAll() {
  known = true
  until = { confidential: 0, secret: 0, ultrasecret: 0 }
  recompute(false)
}

/** Called whenever a tier that was open closes (its window ended, or a lock). */
export function onTierClosed(listener: () => void): () => void {
  closedListeners.add(listener)
  return () => closedListeners.delete(listener)
}

function subscribe(notify: () => void) {
  subscribers.add(notify)
  return () => subscribers.delete(notify)
}

/** Whether content of `tier` may be on screen now (tier 1: always); components use `useTierOpen`. */
export function isTierOpenNow(tier: Tier): boolean {
  const level = TIER_LEVEL[tier]
  return level === 1 || open[level === 2 ? 'confidential' : level === 3 ? 'secret' : 'ultrasecret']
}

const ignore = () => () => {}
const alwaysOpen = () => true

/**
 * Whether content of `tier` may still be on screen (tier 1: always). With `watch` false the caller
 * shows nothing of the tier (a memory the server sent locked), so it does not follow the tier:
 * a closed tier's report after hydration then renders nothing again.
 */
export function useTierOpen(tier: Tier, watch = true): boolean {
  return useSyncExternalStore(watch ? subscribe : ignore, watch ? () => isTierOpenNow(tier) : alwaysOpen, alwaysOpen)
}

/** The unlock state a bar should show: a window that ended or was locked reads as locked. */
export function useShownUnlockState(state: UnlockState): UnlockState {
  const confidential = useTierOpen('confidential', state.confidential !== null)
  const secret = useTierOpen('secret', state.secret !== null)
  const ultrasecret = useTierOpen('ultrasecret', state.ultrasecret !== null)
  return { confidential: confidential ? state.confidential : null, secret: secret ? state.secret : null, ultrasecret: ultrasecret ? state.ultrasecret : null }
}
