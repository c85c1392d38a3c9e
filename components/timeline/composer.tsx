'use client'

import { useRouter } from 'next/navigation'
import { useRef, useState, type Dispatch, type KeyboardEvent, type ReactNode, type SetStateAction } from 'react'
import { captureAction, type CaptureOutcome } from '@/app/(app)/home/actions'
import { IDLE, type ActionResult } from '@/lib/http/action-result'
import { newClientId } from '@/lib/offline/client-id'
import { canSeal } from '@/lib/offline/device-key'
import { enqueue, OfflineRefusal, SYNC_TAG, type QueuedCapture } from '@/lib/offline/outbox'
import { TIERS, type Tier } from '@/lib/tiers'
import { SuggestedMove } from './suggested-move'
import { useOnline } from './use-online'

interface Props {
  userId: string
  autoFocus?: boolean
  onPending: Dispatch<SetStateAction<QueuedCapture[]>>
  onQueued: () => Promise<void>
  /** Shown in the status line's place (the undo of a delete), keyed by what it is about. */
  notice?: { key: string; content: ReactNode } | null
}

const MAX_LENGTH = 10_000

async function askForBackgroundSync() {
  const registration = await navigator.serviceWorker?.getRegistration()
  const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync
  await sync?.register(SYNC_TAG).catch(() => {})
}

/**
 * The message box: grows with its text, Enter sends (Shift+Enter is a new line), optional tier
 * chips force a tier. The bubble appears at once (pending); the server's classification replaces
 * it. Without a connection the capture waits in the outbox and is sent when the connection returns.
 */
export function Composer({ userId, autoFocus, onPending, onQueued, notice }: Props) {
  const router = useRouter()
  const [text, setText] = useState('')
  const [tier, setTier] = useState<Tier | ''>('')
  const [result, setResult] = useState<ActionResult<CaptureOutcome>>(IDLE as ActionResult<CaptureOutcome>)
  const [error, setError] = useState<string | null>(null)
  const box = useRef<HTMLTextAreaElement>(null)
  const online = useOnline()
  // A notice is news after the last capture: its "Saved as …" is stale and does not come back.
  const [noticeKey, setNoticeKey] = useState(notice?.key)
  if (notice?.key !== noticeKey) {
    setNoticeKey(notice?.key)
    if (notice) setResult(IDLE as ActionResult<CaptureOutcome>)
  }

  const grow = (el: HTMLTextAreaElement) => {
    el.style.height = 'auto'
    el.style.height = `${Math.min(el.scrollHeight, 240)}px`
  }

  async function send() {
    // The box itself, not the state: a fast Enter can come before React has rendered the last keystroke.
    const content = (box.current?.value ?? text).trim()
    if (!content) return setError('Write something first.')
    if (content.length > MAX_LENGTH) return setError(`That is ${content.length.toLocaleString('en')} characters; a memory holds at most ${MAX_LENGTH.toLocaleString('en')}.`)
    setError(null)
    const item: QueuedCapture = { client_id: newClientId(), user_id: userId, content, tier: tier || undefined, written_at: new Date().toISOString() }
    onPending((list) => [...list, item])
    setText('')
    // A forced tier was for this message; the next one starts on "auto" again.
    setTier('')
    if (box.current) box.current.style.height = 'auto'
    const queue = async () => {
      try {
        await enqueue(item)
      } catch (refusal) {
        // Ultrasecret never waits on the device: the text stays in the box for when the connection returns.
        if (!(refusal instanceof OfflineRefusal)) throw refusal
        setText(content)
        return setError(refusal.message)
      }
      await askForBackgroundSync()
      await onQueued()
      setResult({ status: 'ok', message: 'Saved on this device; it will be sent when you are back online.' })
    }
    try {
      if (!navigator.onLine) return await queue()
      const form = new FormData()
      form.set('content', content)
      form.set('client_id', item.client_id)
      if (item.tier) form.set('tier', item.tier)
      const outcome = await captureAction(IDLE as ActionResult<CaptureOutcome>, form)
      setResult(outcome)
      if (outcome.status !== 'ok') {
        setText(content)
        setError(outcome.status === 'idle' ? null : outcome.message)
      }
      router.refresh()
    } catch {
      // The request never reached the server (offline, or the connection dropped): keep it here.
      await queue()
    } finally {
      onPending((list) => list.filter((p) => p.client_id !== item.client_id))
    }
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      void send()
    }
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void send()
      }}
      className="sticky bottom-0 -mx-4 flex flex-col gap-2 border-t border-slate-200 bg-slate-50/95 px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] backdrop-blur dark:border-slate-700 dark:bg-slate-900/95"
      noValidate
    >
      {!online && (
        <p role="status" data-testid="offline-notice" className="rounded-lg bg-amber-100 px-3 py-1.5 text-sm text-amber-950 ring-1 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-700">
          {canSeal()
            ? 'You’re offline. What you write waits on this device and is sent when you’re back.'
            : 'You’re offline. Over this connection nothing can wait on the device: send when you’re back.'}
        </p>
      )}
      <fieldset className="flex flex-wrap items-center gap-1.5 text-xs">
        <legend className="sr-only">Tier</legend>
        {(['', ...TIERS] as const).map((t) => (
          <label
            key={t || 'auto'}
            className="cursor-pointer rounded-full border border-slate-300 px-2.5 py-1 has-checked:border-indigo-700 has-checked:bg-indigo-700 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-1 has-focus-visible:outline-indigo-600 dark:border-slate-600 dark:has-checked:border-indigo-400 dark:has-checked:bg-indigo-400 dark:has-checked:text-slate-900"
          >
            <input type="radio" name="tier" value={t} checked={tier === t} onChange={() => setTier(t)} className="sr-only" />
            {t || 'auto'}
          </label>
        ))}
      </fieldset>
      <div className="flex items-end gap-2">
        <label htmlFor="content" className="sr-only">
          What do you want to remember?
        </label>
        <textarea
          id="content"
          ref={box}
          rows={1}
          value={text}
          autoFocus={autoFocus}
          onChange={(e) => {
            setText(e.target.value)
            grow(e.target)
          }}
          onKeyDown={onKeyDown}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'content-error' : 'composer-hint'}
          placeholder="Write to yourself…"
          className="max-h-60 min-h-11 flex-1 resize-none rounded-2xl border border-slate-300 bg-white px-3.5 py-2.5 text-base focus-visible:outline-2 focus-visible:outline-indigo-600 dark:border-slate-600 dark:bg-slate-800"
        />
        <button
          type="submit"
          className="min-h-11 rounded-full bg-indigo-700 px-4 font-medium text-white hover:bg-indigo-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700 dark:bg-indigo-400 dark:text-slate-900 dark:hover:bg-indigo-300"
        >
          Send
        </button>
      </div>
      <p id="composer-hint" className="sr-only">
        Enter sends; Shift+Enter starts a new line.
      </p>
      {notice?.content}
      {error ? (
        <p id="content-error" role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : (
        result.status === 'ok' && (
          <p role="status" className="text-sm text-slate-700 dark:text-slate-300" data-testid="capture-status">
            {result.message} {result.data?.reasoning}
            {result.data?.suggested_tier && <SuggestedMove key={result.data.id} id={result.data.id} tier={result.data.suggested_tier} />}
          </p>
        )
      )}
    </form>
  )
}
