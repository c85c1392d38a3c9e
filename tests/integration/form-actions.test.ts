// The form server actions, posted something that is not a form (a string, an object, nothing):
// a server action is a public endpoint, so each answers its invalid-input result, never a 500.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { captureAction } from '@/app/(app)/home/actions'
import { changePasswordAction, createTokenAction, deleteAccountAction, updateProfileAction } from '@/app/(app)/settings/actions'
import { confirmEmailAction, forgotPasswordAction, resetPasswordAction, signInAction, signUpAction } from '@/app/(auth)/actions'
import { adminUserAction, failedJobAction } from '@/app/admin/actions'
import { IDLE } from '@/lib/http/action-result'
import { createUser } from '../fixtures/accounts'
import { signedIn } from '../fixtures/action-user'
import { setupTestDatabase } from '../fixtures/db'
import { sessionFor } from '../fixtures/principal'

vi.mock('@/auth', () => import('../fixtures/session-auth'))
vi.mock('@/lib/auth/page', async () => (await import('../fixtures/action-user')).actionAuth())
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'user-agent': 'vitest' }) }))
vi.mock('next/cache', () => ({ revalidatePath: () => {} }))

setupTestDatabase()

beforeAll(async () => {
  signedIn.principal = await sessionFor(await createUser())
})

type FormAction = (prev: never, form: FormData) => Promise<unknown>
const actions: Record<string, FormAction> = {
  signInAction,
  signUpAction,
  forgotPasswordAction,
  resetPasswordAction,
  confirmEmailAction,
  updateProfileAction,
  changePasswordAction,
  createTokenAction,
  deleteAccountAction,
  captureAction,
  adminUserAction,
  failedJobAction,
}
const notForms: unknown[] = ['x', {}, { get: 'identifier' }, ['identifier', 'x'], 42, null, undefined]

describe('form actions posted something that is not a form', () => {
  it.each(Object.entries(actions))('%s answers invalid input', async (_name, action) => {
    for (const value of notForms) {
      await expect(action(IDLE as never, value as FormData)).resolves.toEqual({ status: 'invalid', message: 'The form was not sent as a form.', fieldErrors: {} })
    }
  })
})
