// Detectors with proofs (DESIGN.md section 3, step 1): find the sensitive data in a message and
// the lowest tier it may land in. Each finding is backed by a checksum, a published format or a
// value stated as such; vocabulary findings are marked with a lower confidence. The classifier
// never places a memory below detectorFloor(detect(text)).
import type { Detection } from '@/lib/classify/types'
import { TIER_LEVEL, type Tier } from '@/lib/tiers'
import { findAddresses } from './address'
import { findCodes } from './codes'
import { findContacts } from './contact'
import { findDatesOfBirth } from './dates'
import { findIdentity } from './identity'
import { findKeys } from './keys'
import { findNumbers } from './numbers'
import { findPersonalData } from './personal'
import { buildScan, toDetection, type Finding, type Scan } from './scan'
import { findSecrets } from './secrets'
import { findVocabulary } from './vocabulary'
import { findWallets } from './wallets'

const FINDERS: ReadonlyArray<(scan: Scan) => Finding[]> = [
  findNumbers,
  findIdentity,
  findSecrets,
  findCodes,
  findKeys,
  findWallets,
  findContacts,
  findAddresses,
  findDatesOfBirth,
  findVocabulary,
  findPersonalData,
]

/** Stronger first: the higher floor, then the higher confidence, then the longer span. */
function stronger(a: Detection, b: Detection): number {
  return (
    TIER_LEVEL[b.floor] - TIER_LEVEL[a.floor] ||
    b.confidence - a.confidence ||
    b.end - b.start - (a.end - a.start)
  )
}

/** Two findings are one region when they overlap by at least half of the shorter one. */
function sameRegion(a: Detection, b: Detection): boolean {
  const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start)
  return overlap > 0 && overlap * 2 >= Math.min(a.end - a.start, b.end - b.start)
}

/** Keeps the strongest finding of each region, then orders them by position. */
function reduce(detections: Detection[]): Detection[] {
  const kept: Detection[] = []
  for (const d of [...detections].sort(stronger)) {
    if (d.end <= d.start) continue
    if (!kept.some((k) => sameRegion(k, d))) kept.push(d)
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end)
}

/** All sensitive findings in a message, sorted by start, one per region. */
export function detect(text: string): Detection[] {
  if (text.length === 0) return []
  const scan = buildScan(text)
  const found: Detection[] = []
  for (const finder of FINDERS) for (const f of finder(scan)) found.push(toDetection(scan, f))
  return reduce(found)
}

/** The highest floor among the findings; null when there are none. */
export function detectorFloor(detections: readonly Detection[]): Tier | null {
  let floor: Tier | null = null
  for (const d of detections) if (!floor || TIER_LEVEL[d.floor] > TIER_LEVEL[floor]) floor = d.floor
  return floor
}
