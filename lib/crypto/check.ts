// At start: is the master key in force the one that wrapped the stored data keys? A wrong key
// is reported (log and /api/health) before anything is decrypted or written with it.
import { masterKey, previousMasterKey } from './master-key'
import { mismatch } from './data-keys'
import { wrappingKeyIds } from './rotate'

let problem: string | null = null

export async function checkMasterKey(): Promise<string | null> {
  try {
    const allowed = new Set([masterKey().id, previousMasterKey()?.id].filter(Boolean))
    const foreign = (await wrappingKeyIds()).find((id) => !allowed.has(id))
    problem = foreign ? mismatch(foreign, masterKey().id).message : null
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error)
  }
  return problem
}

/** The last check's finding (null: the key fits, or nothing is encrypted yet). */
export function masterKeyProblem(): string | null {
  return problem
}
