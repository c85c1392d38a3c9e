// Server side of server actions: turns what an action caught into a result its form shows.
import { unstable_rethrow } from 'next/navigation'
import { toAppError } from '@/lib/errors'
import type { ActionResult, EchoedValues } from './action-result'

/** Lets Next.js redirects through; everything else becomes a result (unknown errors logged). */
export function actionError(error: unknown, context: string, values?: EchoedValues): ActionResult<never> {
  unstable_rethrow(error)
  const appError = toAppError(error, context)
  if (appError.fieldErrors) return { status: 'invalid', message: appError.message, fieldErrors: appError.fieldErrors, values }
  return { status: 'error', code: appError.code, message: appError.message, values }
}

/** The result for an argument that is not a form: an action is a public endpoint, and a client can post anything. */
export const NOT_A_FORM: ActionResult<never> = { status: 'invalid', message: 'The form was not sent as a form.', fieldErrors: {} }

/** Whether a form action's argument really is a form; check it before anything reads a field. */
export function isForm(form: unknown): form is FormData {
  return form instanceof FormData
}

/** The named text fields of a form, to echo back after a refusal. */
export function echo(form: FormData, ...names: string[]): EchoedValues {
  const out: EchoedValues = {}
  for (const name of names) {
    const value = form.get(name)
    if (typeof value === 'string') out[name] = value.slice(0, 1000)
  }
  return out
}
