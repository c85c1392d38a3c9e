// Shared types of the classifier (lib/classify): what detectors report and what a
// classification returns.
import type { Tier } from '@/lib/tiers'

/** What a detector found. Spans locate it; the matched value itself is never stored or logged. */
export type DetectorKind =
  | 'password'
  | 'pin'
  | 'api_key'
  | 'access_token'
  | 'private_key'
  | 'seed_phrase'
  | 'recovery_code'
  | 'otp_code'
  | 'card_number'
  | 'iban'
  | 'bank_account'
  | 'national_id'
  | 'passport'
  | 'drivers_license'
  | 'tax_id'
  | 'crypto_address'
  | 'security_answer'
  | 'email'
  | 'phone'
  | 'street_address'
  | 'date_of_birth'
  | 'ip_address'
  | 'health'
  | 'legal'
  | 'financial'
  | 'personal_data'

export interface Detection {
  kind: DetectorKind
  /** Character offsets into the text, end exclusive. */
  start: number
  end: number
  /** The lowest tier a message holding this may land in. */
  floor: Tier
  /** 0..1: a checksum-proven number is ~0.99; a vocabulary hit is lower. */
  confidence: number
  /** A short human reason, without the value: "card number (valid Luhn check digit)". */
  reason: string
}
