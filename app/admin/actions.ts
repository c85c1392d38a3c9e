'use server'
// Admin server actions: each checks that the caller is an admin (lib/accounts/admin does again)
// and answers a result its form shows; the user lists are refreshed after a change.
import { revalidatePath } from 'next/cache'
import { headers } from 'next/headers'
import { deleteUserByAdmin, setUserActive, setUserMaxTier, setUserRole, signOutUserEverywhere } from '@/lib/accounts/admin'
import { handleFailedJob, verifyAudit } from '@/lib/admin'
import { requireAdminAction } from '@/lib/admin/page'
import { AppError } from '@/lib/errors'
import { actionError, echo, isForm, NOT_A_FORM } from '@/lib/http/action-error'
import type { ActionResult } from '@/lib/http/action-result'
import { uuidParam } from '@/lib/http/input'
import { requestInfo } from '@/lib/http/request-info'

function str(form: FormData, name: string): string {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

export async function adminUserAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM
  try {
    const principal = await requireAdminAction()
    const userId = str(form, 'user_id')
    if (!uuidParam.safeParse(userId).success) throw new AppError('not_found:user')
    const action = { actorId: principal.user.id, userId, info: requestInfo(await headers()) }
    let message: string
    switch (str(form, 'op')) {
      case 'deactivate':
        await setUserActive({ ...action, active: false })
        message = 'Deactivated and signed out everywhere.'
        break
      case 'reactivate':
        await setUserActive({ ...action, active: true })
        message = 'Reactivated.'
        break
      case 'sign-out':
        message = `Signed out of ${await signOutUserEverywhere(action)} session(s).`
        break
      case 'max-tier': {
        const maxTier = Number(str(form, 'max_tier'))
        if (!Number.isInteger(maxTier) || maxTier < 1 || maxTier > 4) throw new AppError('bad_request:admin', { message: 'Choose a tier level from 1 to 4.', fieldErrors: { max_tier: ['From 1 to 4.'] } })
        await setUserMaxTier({ ...action, maxTier })
        message = `Highest tier set to level ${maxTier}.`
        break
      }
      case 'promote':
        await setUserRole({ ...action, role: 'admin' })
        message = 'Now an administrator.'
        break
      case 'demote':
        await setUserRole({ ...action, role: 'user' })
        message = 'No longer an administrator.'
        break
      case 'delete':
        await deleteUserByAdmin({ ...action, confirm: str(form, 'confirm') })
        message = 'Deleted for good.'
        break
      default:
        throw new AppError('bad_request:admin', { message: 'Unknown action.' })
    }
    revalidatePath('/admin/users')
    return { status: 'ok', message }
  } catch (error) {
    return actionError(error, 'admin/users', echo(form, 'confirm'))
  }
}

export async function verifyChainAction(): Promise<ActionResult<{ ok: boolean; rows: number; broken_at?: number; reason?: string }>> {
  try {
    const principal = await requireAdminAction()
    const verdict = await verifyAudit(principal.user.id)
    return { status: 'ok', data: verdict, message: verdict.ok ? `Chain intact: ${verdict.rows} rows verified.` : `Chain BROKEN at row ${verdict.broken_at}: ${verdict.reason}` }
  } catch (error) {
    return actionError(error, 'admin/audit')
  }
}

export async function failedJobAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM
  try {
    const principal = await requireAdminAction()
    const jobId = str(form, 'job_id')
    const op = str(form, 'op')
    if (!uuidParam.safeParse(jobId).success || (op !== 'retry' && op !== 'discard')) throw new AppError('bad_request:job', { message: 'Unknown job or action.' })
    await handleFailedJob({ actorId: principal.user.id, jobId, op, info: requestInfo(await headers()) })
    revalidatePath('/admin/system')
    return { status: 'ok', message: op === 'retry' ? 'Sent back to its queue.' : 'Discarded.' }
  } catch (error) {
    return actionError(error, 'admin/jobs')
  }
}
