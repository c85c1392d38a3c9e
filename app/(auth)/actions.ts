'use server'
// Server actions of the sign-up, sign-in and password-reset pages. Each is a public endpoint:
// it validates its input and never trusts the form.
import { AuthError, CredentialsSignin } from 'next-auth'
import { headers } from 'next/headers'
import { z } from 'zod'
import { signIn } from '@/auth'
import { confirmEmail } from '@/lib/accounts/contact'
import { registerUser } from '@/lib/accounts/register'
import { requestPasswordReset, resetPassword } from '@/lib/auth/password-reset'
import { parseSignInCode, SIGN_IN_MESSAGES } from '@/lib/auth/sign-in-codes'
import { actionError, echo, isForm, NOT_A_FORM } from '@/lib/http/action-error'
import type { ActionResult } from '@/lib/http/action-result'
import { requestInfo } from '@/lib/http/request-info'
import { parseWith } from '@/lib/http/route'
import { safeNext } from '@/lib/http/safe-next'
import { AppError } from '@/lib/errors'

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name)
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

const PASSKEY_REFUSED = 'That passkey did not sign you in. Try again, or use your phone number or email and password.'

async function signInWith(identifier: string, password: string, next: string): Promise<ActionResult> {
  return runSignIn('credentials', { identifier, password }, next, { identifier })
}

/** The passkey ceremony's answer, handed to Auth.js's "passkey" provider. */
export async function passkeySignInAction(response: string, next: string): Promise<ActionResult> {
  if (typeof response !== 'string' || response.length > 16_384) return { status: 'error', code: 'auth:invalid', message: PASSKEY_REFUSED }
  const result = await runSignIn('passkey', { response }, safeNext(next), {})
  // No phone, email or password was typed: a refused passkey says so in its own words.
  return result.status === 'error' && result.code === 'auth:invalid' ? { ...result, message: PASSKEY_REFUSED } : result
}

async function runSignIn(provider: string, fields: Record<string, string>, next: string, values: Record<string, string>): Promise<ActionResult> {
  try {
    await signIn(provider, { ...fields, redirectTo: next })
    return { status: 'ok' }
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const failure = parseSignInCode(error.code) ?? { kind: 'invalid' }
      const retryAt = failure.lockedUntil ? new Date(failure.lockedUntil).toISOString() : undefined
      return { status: 'error', code: `auth:${failure.kind}`, message: SIGN_IN_MESSAGES[failure.kind], values, ...(retryAt ? { retryAt } : {}) }
    }
    if (error instanceof AuthError) return { status: 'error', code: 'auth:error', message: 'Signing in failed. Try again.' }
    throw error // the redirect after a successful sign-in
  }
}

export async function signInAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM
  const identifier = text(form, 'identifier') ?? ''
  const password = typeof form.get('password') === 'string' ? (form.get('password') as string) : ''
  if (!identifier || !password) {
    return {
      status: 'invalid',
      message: 'Enter your phone number or email, and your password.',
      values: { identifier },
      fieldErrors: { ...(identifier ? {} : { identifier: ['Required.'] }), ...(password ? {} : { password: ['Required.'] }) },
    }
  }
  return signInWith(identifier, password, safeNext(form.get('next')))
}

export async function signUpAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM
  try {
    const password = (form.get('password') as string | null) ?? ''
    const raw = { phone: text(form, 'phone') ?? '', password, name: text(form, 'name'), email: text(form, 'email'), timezone: text(form, 'timezone') }
    const confirm = (form.get('confirm') as string | null) ?? ''
    const user = await registerUser(raw, requestInfo(await headers()), { confirm })
    return signInWith(user.phone, password, '/home')
  } catch (error) {
    return actionError(error, 'sign-up', echo(form, 'phone', 'name', 'email', 'timezone'))
  }
}

const forgotSchema = z.object({ identifier: z.string().trim().min(1, 'Enter your email or phone number.').max(254) })

export async function forgotPasswordAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM
  try {
    const { identifier } = parseWith(forgotSchema, { identifier: text(form, 'identifier') ?? '' }, 'password_reset')
    await requestPasswordReset({ identifier, info: requestInfo(await headers()) })
    return { status: 'ok', message: 'If an account with an email matches, a reset link is on its way. It works for 30 minutes.' }
  } catch (error) {
    return actionError(error, 'forgot-password', echo(form, 'identifier'))
  }
}

export async function resetPasswordAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM
  try {
    const token = text(form, 'token') ?? ''
    const password = (form.get('password') as string | null) ?? ''
    if (password !== form.get('confirm')) {
      throw new AppError('bad_request:password_reset', { message: 'The passwords do not match.', fieldErrors: { confirm: ['Does not match the password.'] } })
    }
    await resetPassword({ token, password, info: requestInfo(await headers()) })
    return { status: 'ok', message: 'Your password is changed, and every device was signed out. Sign in with the new one.' }
  } catch (error) {
    return actionError(error, 'reset-password')
  }
}

export async function confirmEmailAction(_prev: ActionResult, form: FormData): Promise<ActionResult> {
  if (!isForm(form)) return NOT_A_FORM
  try {
    const { email } = await confirmEmail({ token: text(form, 'token') ?? '', info: requestInfo(await headers()) })
    return { status: 'ok', message: `Confirmed: ${email} is now the email address of your account.` }
  } catch (error) {
    return actionError(error, 'confirm-email')
  }
}
