// Password hashing (argon2id) and strength checking (zxcvbn-ts with its common-password lists).
import { hash, verify } from '@node-rs/argon2'
import { ZxcvbnFactory } from '@zxcvbn-ts/core'
import * as common from '@zxcvbn-ts/language-common'
import * as english from '@zxcvbn-ts/language-en'

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. (2 is Algorithm.Argon2id: the
// package exports a const enum, which isolated modules cannot read.)
const PARAMS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export const MIN_PASSWORD_LENGTH = 8
export const MAX_PASSWORD_LENGTH = 256
/** zxcvbn score (0..4) a password must reach: 3 is "safely unguessable". */
const MIN_SCORE = 3

export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | undefined
/** Spends the same time as a real check, for accounts that do not exist. */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword('mnemo-dummy-password-for-timing')
  await verifyPassword(await dummyHash, password)
  return false
}

let checker: ZxcvbnFactory | undefined
function strengthChecker(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  })
  return checker
}

/** Null when the password is acceptable, otherwise a message saying why it is not. */
export async function passwordProblem(password: string, userInputs: string[] = []): Promise<string | null> {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`
  const result = await strengthChecker().checkAsync(password, userInputs.filter(Boolean))
  if (result.score >= MIN_SCORE) return null
  const hint = result.feedback.warning || result.feedback.suggestions[0]
  return `This password is too easy to guess.${hint ? ` ${hint}` : ''} Try a longer phrase of unrelated words.`
}
