// The master key wraps every user's data keys. It comes from MNEMO_MASTER_KEY (32 bytes,
// base64); the embedded default generates one into .data/master.key (mode 0600) with a
// warning; with MNEMO_ENV=production mnemo refuses to run without it.
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { dataDirectory } from '@/db'

export class MasterKeyError extends Error {
  override name = 'MasterKeyError'
}

export interface MasterKey {
  key: Buffer
  /** A fingerprint stored with each wrapped key, so rotation knows what it has rewrapped. */
  id: string
}

let cached: { source: string; value: MasterKey } | undefined

export function parseMasterKey(encoded: string, source: string): MasterKey {
  const key = Buffer.from(encoded.trim(), 'base64')
  if (key.length !== 32 || key.toString('base64') !== encoded.trim().replace(/\s/g, '')) {
    throw new MasterKeyError(`${source} must be 32 bytes in base64 (44 characters); generate one with: openssl rand -base64 32`)
  }
  return { key, id: fingerprint(key) }
}

export function fingerprint(key: Buffer): string {
  return createHash('sha256').update('mnemo:master-key-id').update(key).digest('hex').slice(0, 16)
}

function keyFile(): string {
  return path.join(dataDirectory(), 'master.key')
}

/** The master key in force. */
export function masterKey(): MasterKey {
  const fromEnv = process.env.MNEMO_MASTER_KEY
  const source = fromEnv ? 'env' : keyFile()
  if (cached?.source === source + (fromEnv ?? '')) return cached.value
  let value: MasterKey
  if (fromEnv) {
    value = parseMasterKey(fromEnv, 'MNEMO_MASTER_KEY')
  } else {
    if (process.env.MNEMO_ENV === 'production') {
      throw new MasterKeyError('MNEMO_MASTER_KEY is required in production (MNEMO_ENV=production): generate one with openssl rand -base64 32')
    }
    value = loadOrCreateKeyFile(keyFile())
  }
  cached = { source: source + (fromEnv ?? ''), value }
  return value
}

function loadOrCreateKeyFile(file: string): MasterKey {
  try {
    return parseMasterKey(fs.readFileSync(file, 'utf8'), file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const encoded = randomBytes(32).toString('base64')
  try {
    fs.writeFileSync(file, `${encoded}\n`, { flag: 'wx', mode: 0o600 })
    console.warn(`[mnemo] MNEMO_MASTER_KEY is not set: generated a master key into ${file}. Back it up: without it the encrypted tiers cannot be read.`)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    return parseMasterKey(fs.readFileSync(file, 'utf8'), file)
  }
  return parseMasterKey(encoded, file)
}

/** Forget the cached key (tests and rotation). */
export function resetMasterKeyCache() {
  cached = undefined
}

/** During a rotation: the key the not-yet-rewrapped data keys still need (MNEMO_PREVIOUS_MASTER_KEY). */
export function previousMasterKey(): MasterKey | null {
  const encoded = process.env.MNEMO_PREVIOUS_MASTER_KEY?.trim()
  return encoded ? parseMasterKey(encoded, 'MNEMO_PREVIOUS_MASTER_KEY') : null
}
