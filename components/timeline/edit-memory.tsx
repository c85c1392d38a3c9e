'use client'

import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { editMemoryAction } from '@/app/(app)/home/actions'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import type { ActionResult } from '@/lib/http/action-result'

/** The full content, editable in place (saving classifies it again). */
export function EditMemory({ id, content }: { id: string; content: string }) {
  const router = useRouter()
  const [editing, setEditing] = useState(false)
  const [text, setText] = useState(content)
  const [result, setResult] = useState<ActionResult | null>(null)
  const [pending, start] = useTransition()
  if (!editing) {
    return (
      <div className="flex flex-col gap-2">
        <p className="text-lg break-words whitespace-pre-wrap">{content}</p>
        <div>
          <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
        </div>
        {result?.status === 'ok' && <FormMessage tone="success">{result.message}</FormMessage>}
      </div>
    )
  }
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault()
        start(async () => {
          const r = await editMemoryAction(id, text)
          setResult(r)
          if (r.status === 'ok') {
            setEditing(false)
            router.refresh()
          }
        })
      }}
    >
      <label htmlFor="edit-content" className="text-sm font-medium">
        Content
      </label>
      <textarea id="edit-content" value={text} onChange={(e) => setText(e.target.value)} rows={5} maxLength={10000} className="rounded-lg border border-slate-300 bg-white px-3 py-2 dark:border-slate-600 dark:bg-slate-800" />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save'}
        </Button>
        <Button type="button" variant="secondary" onClick={() => (setEditing(false), setText(content))}>
          Cancel
        </Button>
      </div>
      {result && result.status !== 'ok' && result.status !== 'idle' && <FormMessage tone="error">{result.message}</FormMessage>}
    </form>
  )
}
