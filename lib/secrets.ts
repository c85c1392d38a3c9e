// Secrets that the embedded default generates once into the data folder (mode 0600) so that
// `npm run dev` needs no set-up; a deployment sets them in the environment instead.
import 'server-only'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { dataDirectory } from '@/db'

const cache = new Map<string, string>()

/** The value of `envVar`, or a random 32-byte base64 secret kept in `.data/<file>`. */
export function loadOrCreateSecret(envVar: string, file: string): string {
  const fromEnv = process.env[envVar]?.trim()
  if (fromEnv) return fromEnv
  const cached = cache.get(file)
  if (cached) return cached
  const target = path.join(dataDirectory(), file)
  let value: string
  try {
    value = fs.readFileSync(target, 'utf8').trim()
  } catch {
    fs.mkdirSync(path.dirname(target), { recursive: true })
    value = randomBytes(32).toString('base64')
    try {
      fs.writeFileSync(target, `${value}\n`, { flag: 'wx', mode: 0o600 })
      console.warn(`[mnemo] ${envVar} is not set: generated one into ${target}. Set ${envVar} in production.`)
    } catch {
      value = fs.readFileSync(target, 'utf8').trim() // another process wrote it first
    }
  }
  cache.set(file, value)
  return value
}
