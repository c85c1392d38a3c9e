'use server'
// Server actions of the settings page; each checks the session itself.
import { revalidatePath } from 'next/cache'
import { headers } from 'next/headers'
import { z } from 'zod'
import { createTokenSchema } from '@/lib/auth/schema'
import { redirect } from 'next/navigation'
import { sendEmailConfirmation } from '@/lib/accounts/contact'
import { deleteAccount } from '@/lib/accounts/delete'
import { changePassword } from '@/lib/accounts/password'
import { updateProfile } from '@/lib/accounts/profile'
import { profileUpdateSchema } from '@/lib/accounts/schema'
import { assertMayGrant, createApiToken, revokeApiToken } from '@/lib/auth/api-tokens'
import { requireActionUser } from '@/lib/auth/page'
import { revokeOtherSessions, revokeSession } from '@/lib/auth/sessions'
import { actionError, echo, isForm, NOT_A_FORM } from '@/lib/http/action-error'
import type { ActionResult } from '@/lib/http/action-result'
import { requestInfo } from '@/lib/http/request-info'
import { parseWith } from '@/lib/http/route'
import { AppError } from '@/lib/errors'

const str = (form: FormData, name: string) => {
  const value = form.get(name)
  return typeof value === 'string' ? value : ''
}

export async function updateProfileAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM
  try {
    const { user, session } = await requireActionUser()
    const currentPassword = str(form, 'current_password')
    const changes = parseWith(
      profileUpdateSchema,
      {
        name: str(form, 'name').trim() || null,
        email: str(form, 'email').trim() || null,
        phone: str(form, 'phone').trim() || user.phone,
        ...(currentPassword ? { current_password: currentPassword } : {}),
        timezone: str(form, 'timezone'),
        preferences: {
          notifications: { in_app: form.has('notify_in_app'), email: form.has('notify_email'), push: form.has('notify_push') },
          digest_time: str(form, 'digest_time'),
          default_tier: str(form, 'default_tier'),
        },
      },
      'account',
    )
    const profile = await updateProfile({ userId: user.id, actorId: user.id, changes, session, info: requestInfo(await headers()) })
    revalidatePath('/settings')
    const asked = changes.email?.toLowerCase()
    const pending = asked && asked === profile.pending_email && asked !== user.email
    return {
      status: 'ok',
      message: pending ? `Saved. We sent a confirmation link to ${asked}; the address changes once you follow it.${user.email ? ` We told ${user.email} too.` : ''}` : 'Saved.',
    }
  } catch (error) {
    return actionError(error, 'settings/profile', echo(form, 'name', 'email', 'phone', 'timezone', 'digest_time', 'default_tier'))
  }
}

export async function resendEmailConfirmationAction(): Promise<ActionResult> {
  try {
    const { user } = await requireActionUser()
    if (!user.email || user.emailVerifiedAt) throw new AppError('bad_request:account', { message: 'There is no address waiting for confirmation.' })
    await sendEmailConfirmation({ user, email: user.email, info: requestInfo(await headers()) })
    return { status: 'ok', message: `We sent a confirmation link to ${user.email}.` }
  } catch (error) {
    return actionError(error, 'settings/email')
  }
}

export async function changePasswordAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM
  try {
    const principal = await requireActionUser()
    if (str(form, 'new_password') && str(form, 'new_password') !== str(form, 'confirm')) {
      throw new AppError('bad_request:password', { message: 'The new passwords do not match.', fieldErrors: { confirm: ['Does not match.'] } })
    }
    const { revokedSessions, revokedTokens } = await changePassword({
      userId: principal.user.id,
      sessionId: principal.sessionId,
      currentPassword: str(form, 'current_password'),
      newPassword: str(form, 'new_password'),
      info: requestInfo(await headers()),
    })
    revalidatePath('/settings')
    const others = revokedSessions === 1 ? '1 other device was' : `${revokedSessions} other devices were`
    const tokens = revokedTokens === 1 ? '1 API token was' : `${revokedTokens} API tokens were`
    return { status: 'ok', message: `Password changed; ${others} signed out and ${tokens} revoked.` }
  } catch (error) {
    return actionError(error, 'settings/password')
  }
}

const idSchema = z.uuid()

export async function revokeSessionAction(id: string): Promise<ActionResult> {
  try {
    const { user } = await requireActionUser()
    const ok = idSchema.safeParse(id).success && (await revokeSession({ userId: user.id, id, info: requestInfo(await headers()) }))
    if (!ok) throw new AppError('not_found:session')
    revalidatePath('/settings')
    return { status: 'ok', message: 'Signed out that device.' }
  } catch (error) {
    return actionError(error, 'settings/sessions')
  }
}

export async function revokeOtherSessionsAction(): Promise<ActionResult> {
  try {
    const principal = await requireActionUser()
    const count = await revokeOtherSessions({ userId: principal.user.id, keepId: principal.sessionId, info: requestInfo(await headers()) })
    revalidatePath('/settings')
    return { status: 'ok', message: `Signed out ${count} other ${count === 1 ? 'device' : 'devices'}.` }
  } catch (error) {
    return actionError(error, 'settings/sessions')
  }
}

export async function createTokenAction(_prev: ActionResult<{ token: string }>, form: FormData): Promise<ActionResult<{ token: string }>> {
  if (!isForm(form)) return NOT_A_FORM
  try {
    const principal = await requireActionUser()
    const { user } = principal
    const days = str(form, 'expires_in_days')
    const input = parseWith(
      createTokenSchema,
      {
        name: str(form, 'name'),
        scopes: form.getAll('scopes').filter((s) => typeof s === 'string'),
        max_tier: str(form, 'max_tier') || 'general',
        expires_in_days: days ? Number(days) : null,
      },
      'token',
    )
    assertMayGrant(principal, input.max_tier)
    const { token } = await createApiToken({
      userId: user.id,
      name: input.name,
      scopes: input.scopes,
      maxTier: input.max_tier,
      expiresInDays: input.expires_in_days ?? null,
      info: requestInfo(await headers()),
    })
    revalidatePath('/settings')
    return { status: 'ok', message: 'Copy this token now: it will not be shown again.', data: { token } }
  } catch (error) {
    return actionError(error, 'settings/tokens', echo(form, 'name', 'max_tier', 'expires_in_days'))
  }
}

export async function revokeTokenAction(id: string): Promise<ActionResult> {
  try {
    const { user } = await requireActionUser()
    const ok = idSchema.safeParse(id).success && (await revokeApiToken({ userId: user.id, id, info: requestInfo(await headers()) }))
    if (!ok) throw new AppError('not_found:token')
    revalidatePath('/settings')
    return { status: 'ok', message: 'Token revoked.' }
  } catch (error) {
    return actionError(error, 'settings/tokens')
  }
}

export async function deleteAccountAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM
  try {
    const principal = await requireActionUser()
    if (str(form, 'confirm') !== 'DELETE') {
      throw new AppError('bad_request:account', { message: 'Type DELETE to confirm.', fieldErrors: { confirm: ['Type DELETE.'] } })
    }
    await deleteAccount({ userId: principal.user.id, password: str(form, 'password'), info: requestInfo(await headers()) })
  } catch (error) {
    return actionError(error, 'settings/delete-account')
  }
  redirect('/')
}
