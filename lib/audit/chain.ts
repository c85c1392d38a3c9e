// How a row of the access log is sealed into the chain. Version 2 (since migration 0013): an
// HMAC-SHA256 over the previous row's MAC, the row's place and its fields, with a key derived
// (HKDF) from the master key, which the database never holds: whoever can write the table can
// no longer recompute the chain. Version 1 (older rows): plain SHA-256, verifiable by anyone.
import { createHash, createHmac, hkdfSync } from 'node:crypto'
import type { AccessLogEntry } from '@/db/schema'
import { masterKey, previousMasterKey } from '@/lib/crypto/master-key'

export const GENESIS_HASH = '0'.repeat(64)
export const CHAIN_VERSION = 2

export type ChainFields = Pick<
  AccessLogEntry,
  'userId' | 'action' | 'tier' | 'success' | 'ip' | 'userAgent' | 'device' | 'riskScore' | 'details' | 'createdAt'
>

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    )
  }
  return value
}

function fieldsOf(row: ChainFields): unknown[] {
  return [
    row.userId ?? null,
    row.action,
    row.tier ?? null,
    row.success,
    row.ip ?? null,
    row.userAgent ?? null,
    row.device ?? null,
    Math.round((row.riskScore ?? 0) * 1000) / 1000,
    sortKeys(row.details ?? {}),
    new Date(row.createdAt).toISOString(),
  ]
}

/** The version-1 formula (SHA-256, no key), kept to verify rows written before migration 0013. */
export function hashEntry(prevHash: string, row: ChainFields): string {
  return createHash('sha256').update(JSON.stringify([prevHash, ...fieldsOf(row)])).digest('hex')
}

/** The audit key: HKDF-SHA256 of a master key, for this purpose only. */
export function auditKey(master: Buffer = masterKey().key): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'mnemo:access-log-chain:v2', 32))
}

/** The keys a row may be sealed with: the master key in force, then the one before a rotation. */
export function auditKeys(): Buffer[] {
  const previous = previousMasterKey()
  return [auditKey(), ...(previous ? [auditKey(previous.key)] : [])]
}

export function macEntry(key: Buffer, prevHash: string, position: number, row: ChainFields): string {
  return createHmac('sha256', key).update(JSON.stringify([CHAIN_VERSION, prevHash, position, ...fieldsOf(row)])).digest('hex')
}
