'use client'
// The actions on one user in the admin's list: each a small form on one server action, with its
// outcome announced; deleting asks for the user's phone number typed out.
import { useActionState, useId } from 'react'
import { adminUserAction } from '@/app/admin/actions'
import { Button } from '@/components/ui/button'
import { FormMessage } from '@/components/ui/form-message'
import { echoedValues, IDLE, type ActionResult } from '@/lib/http/action-result'

export interface AdminUserView {
  id: string
  phone: string
  label: string
  role: 'admin' | 'user'
  active: boolean
  max_tier: number
  self: boolean
}

const small = 'px-3 py-1 text-sm'

export function UserActions({ user }: { user: AdminUserView }) {
  const [state, action, pending] = useActionState<ActionResult, FormData>(adminUserAction, IDLE)
  const id = useId()
  const fields = state.status === 'invalid' ? state.fieldErrors : {}
  const hidden = <input type="hidden" name="user_id" value={user.id} />
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        {!user.self && (
          <form action={action}>
            {hidden}
            <input type="hidden" name="op" value={user.active ? 'deactivate' : 'reactivate'} />
            <Button type="submit" variant="secondary" className={small} disabled={pending} aria-label={`${user.active ? 'Deactivate' : 'Reactivate'}: ${user.label}`}>
              {user.active ? 'Deactivate' : 'Reactivate'}
            </Button>
          </form>
        )}
        <form action={action}>
          {hidden}
          <input type="hidden" name="op" value="sign-out" />
          <Button type="submit" variant="secondary" className={small} disabled={pending} aria-label={`Sign out everywhere: ${user.label}`}>
            Sign out everywhere
          </Button>
        </form>
        <form action={action}>
          {hidden}
          <input type="hidden" name="op" value={user.role === 'admin' ? 'demote' : 'promote'} />
          <Button type="submit" variant="secondary" className={small} disabled={pending} aria-label={`${user.role === 'admin' ? 'Demote to user' : 'Make admin'}: ${user.label}`}>
            {user.role === 'admin' ? 'Demote to user' : 'Make admin'}
          </Button>
        </form>
        <form action={action} className="flex items-end gap-1">
          {hidden}
          <input type="hidden" name="op" value="max-tier" />
          <label className="flex flex-col text-xs" htmlFor={`${id}-tier`}>
            Highest tier
            <select id={`${id}-tier`} name="max_tier" defaultValue={user.max_tier} className="rounded-lg border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800">
              <option value="1">1 · general</option>
              <option value="2">2 · confidential</option>
              <option value="3">3 · secret</option>
              <option value="4">4 · ultrasecret</option>
            </select>
          </label>
          <Button type="submit" variant="secondary" className={small} disabled={pending} aria-label={`Set the highest tier: ${user.label}`}>
            Set
          </Button>
        </form>
      </div>
      {!user.self && (
        <details className="text-sm">
          <summary className="cursor-pointer text-red-800 dark:text-red-300">Delete…</summary>
          <form action={action} className="mt-2 flex flex-wrap items-end gap-2">
            {hidden}
            <input type="hidden" name="op" value="delete" />
            <label className="flex flex-col text-xs" htmlFor={`${id}-confirm`}>
              Type {user.phone} to confirm
              <input
                id={`${id}-confirm`}
                name="confirm"
                autoComplete="off"
                defaultValue={echoedValues(state).confirm}
                aria-invalid={fields.confirm ? true : undefined}
                className="rounded-lg border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
              />
            </label>
            <Button type="submit" variant="danger" className={small} disabled={pending}>
              Delete for good
            </Button>
          </form>
        </details>
      )}
      <FormMessage tone={state.status === 'ok' ? 'success' : 'error'}>{state.status === 'idle' ? null : state.message}</FormMessage>
    </div>
  )
}
