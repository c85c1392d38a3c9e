import { describe, expect, it } from 'vitest'
import { detect, detectorFloor } from '@/lib/classify/detectors'
import type { Detection, DetectorKind } from '@/lib/classify/types'

function find(text: string, kind: DetectorKind): Detection | undefined {
  return detect(text).find((d) => d.kind === kind)
}

/** The text a detection of `kind` covers, or undefined when there is none. */
function spanOf(text: string, kind: DetectorKind): string | undefined {
  const d = find(text, kind)
  return d && text.slice(d.start, d.end)
}

function kinds(text: string): DetectorKind[] {
  return detect(text).map((d) => d.kind)
}

describe('card numbers', () => {
  it('finds a Luhn-valid card with a known issuer prefix, as typed', () => {
    const text = 'new visa is 4929 3812 6655 3019 exp 04/29'
    expect(spanOf(text, 'card_number')).toBe('4929 3812 6655 3019')
    expect(find(text, 'card_number')?.floor).toBe('secret')
  })

  it('accepts dashes and no separators', () => {
    expect(spanOf('mc 5178-0521-3374-9024', 'card_number')).toBe('5178-0521-3374-9024')
    expect(spanOf('6011007123456781 is the discover one', 'card_number')).toBe('6011007123456781')
  })

  it('rejects the same number with a wrong check digit', () => {
    expect(kinds('new visa is 4929 3812 6655 3018 exp 04/29')).not.toContain('card_number')
  })

  it('rejects a Luhn-valid number without a card issuer prefix or a card word', () => {
    // 16 digits, Luhn-valid, but starting with 7: no network issues such cards.
    expect(kinds('ticket 7003129458100228 for the concert')).not.toContain('card_number')
  })

  it('finds spaced-out single digits', () => {
    const text = 'crd 4 9 2 9 3 8 1 2 6 6 5 5 3 0 1 9 thx'
    expect(spanOf(text, 'card_number')).toBe('4 9 2 9 3 8 1 2 6 6 5 5 3 0 1 9')
  })

  it('ignores all-zero dummies and cards framed as test data', () => {
    expect(kinds('card 0000 0000 0000 0000')).not.toContain('card_number')
    expect(kinds('the test card is 4929 3812 6655 3019 for demo')).not.toContain('card_number')
  })

  it('accepts any Luhn-valid card number named as a card, but not a SIM card', () => {
    expect(spanOf('my card 501864667909 was declined', 'card_number')).toBe('501864667909')
    expect(kinds('SIM card 8901410321234567893')).not.toContain('card_number')
  })

  it('keeps a card and an expiry date apart', () => {
    expect(spanOf('card 4929381266553019 12 29', 'card_number')).toBe('4929381266553019')
  })
})

describe('IBAN and bank accounts', () => {
  it('finds a valid IBAN with or without spaces', () => {
    expect(spanOf('pay rent to GB82 WEST 1234 5698 7654 32 monthly', 'iban')).toBe('GB82 WEST 1234 5698 7654 32')
    expect(spanOf('IBAN DE89370400440532013000', 'iban')).toBe('DE89370400440532013000')
  })

  it('rejects a broken checksum and a wrong length', () => {
    expect(kinds('pay rent to GB82 WEST 1234 5698 7654 33 monthly')).not.toContain('iban')
    expect(kinds('pay rent to GB82 WEST 1234 5698 7654 3')).not.toContain('iban')
  })

  it('finds account numbers stated as such, with common abbreviations', () => {
    expect(spanOf('my checking account number is 20417736551', 'bank_account')).toBe('20417736551')
    expect(spanOf('acct no: 7730 2291 84', 'bank_account')).toBe('7730 2291 84')
  })

  it('checks routing numbers with the ABA checksum', () => {
    expect(spanOf('routing number 021000021', 'bank_account')).toBe('021000021')
    expect(kinds('routing number 021000022')).not.toContain('bank_account')
  })

  it('finds a sort code with its account number', () => {
    expect(spanOf('sort code 20-45-77 account 41308879', 'bank_account')).toBe('20-45-77 account 41308879')
  })

  it('does not treat an account without a number as one', () => {
    expect(kinds('my account is locked again')).toEqual([])
    expect(kinds('the test account is 000000000000')).toEqual([])
  })
})

describe('identity numbers', () => {
  it('finds an SSN in its issuing ranges, stated or formatted', () => {
    expect(spanOf('my ssn is 536-22-8726', 'national_id')).toBe('536-22-8726')
    expect(find('my ssn is 536-22-8726', 'national_id')?.floor).toBe('secret')
    expect(spanOf('form says 536-22-8726', 'national_id')).toBe('536-22-8726')
  })

  it('rejects invalid ranges and published dummies', () => {
    for (const ssn of ['000-00-0000', '666-22-8726', '536-00-8726', '536-22-0000', '123-45-6789']) {
      expect(kinds(`my SSN is ${ssn}`)).not.toContain('national_id')
    }
  })

  it('reads a spaced-out SSN after a spaced-out trigger', () => {
    expect(spanOf('my S SN is 5 3 6 -2 2 -8 7 2 6 ok', 'national_id')).toBe('5 3 6 -2 2 -8 7 2 6')
  })

  it('finds a UK National Insurance number and rejects its forbidden prefixes', () => {
    expect(spanOf('NI number JG 10 37 52 A', 'national_id')).toBe('JG 10 37 52 A')
    expect(kinds('NI number GB 10 37 52 A')).not.toContain('national_id')
  })

  it('proves national ids with their check digits where a country has one', () => {
    const dni = find('mi DNI: 48213576X', 'national_id')
    expect(dni?.reason).toMatch(/check letter/)
    expect(kinds('the dni is 48213576A please')).toContain('national_id')
  })

  it('finds passports, driving licences and tax ids stated as such', () => {
    expect(spanOf('passport no. X4817720', 'passport')).toBe('X4817720')
    expect(spanOf("my driver's license is NY B4820731", 'drivers_license')).toBe('NY B4820731')
    expect(spanOf('our EIN is 12-3456780', 'tax_id')).toBe('12-3456780')
  })

  it('finds a passport number typed with dropped vowels and spaces', () => {
    expect(spanOf('my passprt nmbr is 5 48213 9 thx', 'passport')).toBe('5 48213 9')
  })

  it('does not fire on a question about documents', () => {
    expect(kinds('what documents do I need for a passport renewal?')).toEqual([])
    expect(kinds('the test passport is 000000000')).toEqual([])
  })
})

describe('passwords, PINs and security answers', () => {
  it('finds a password stated as such', () => {
    expect(spanOf('my password is hunter2', 'password')).toBe('hunter2')
    expect(spanOf('pwd: Xk9#mP2q', 'password')).toBe('Xk9#mP2q')
    expect(spanOf('wifi password Tr0ub4dor&3', 'password')).toBe('Tr0ub4dor&3')
    expect(spanOf("my psswrd is 'blue horse 77'", 'password')).toBe('blue horse 77')
    expect(spanOf('my password for the wifi is hunter2', 'password')).toBe('hunter2')
  })

  it('never fires on a question or a description of a password', () => {
    for (const text of [
      'how do I reset my password?',
      'How do I change my password',
      'my password is too weak apparently',
      'I forgot my password again',
      'the password manager app crashed',
      'my password is the same as before',
    ]) {
      expect(kinds(text), text).toEqual([])
    }
  })

  it('finds a login pair', () => {
    expect(spanOf('the login for netflix is bob / hunter2', 'password')).toBe('bob / hunter2')
  })

  it('lifts a master password to ultrasecret', () => {
    const d = find('1Password master password: granite-Oyster-41', 'password')
    expect(d?.floor).toBe('ultrasecret')
    expect(find('root password is Sup3r!', 'password')?.floor).toBe('ultrasecret')
    expect(find('email password is Sup3r!', 'password')?.floor).toBe('secret')
  })

  it('finds PINs and lock codes, spaced out too', () => {
    expect(spanOf('PIN 4821', 'pin')).toBe('4821')
    expect(spanOf('pin code is 7391', 'pin')).toBe('7391')
    expect(spanOf('my P I N is 7 3 9 1', 'pin')).toBe('7 3 9 1')
    expect(spanOf('garage code 55190', 'pin')).toBe('55190')
    expect(spanOf('cvv 318', 'pin')).toBe('318')
  })

  it('respects word boundaries and placeholders for PINs', () => {
    expect(kinds('I was spinning 4821 times')).toEqual([])
    expect(kinds('the demo PIN is 0000')).toEqual([])
    expect(kinds('put a pin in it')).toEqual([])
  })

  it('finds security answers', () => {
    expect(spanOf("mother's maiden name is Davis", 'security_answer')).toBe('Davis')
    expect(spanOf('my first pet was a dog named Rex', 'security_answer')).toBe('Rex')
    expect(spanOf('security answer: Lindenhurst', 'security_answer')).toBe('Lindenhurst')
    expect(kinds('what is a good security question?')).toEqual([])
    expect(kinds('my dog is named Rex')).toEqual([])
  })
})

describe('one-time and recovery codes', () => {
  it('finds OTP and 2FA codes stated as such', () => {
    expect(spanOf('OTP: 5521', 'otp_code')).toBe('5521')
    expect(spanOf('2FA code 334 221', 'otp_code')).toBe('334 221')
    expect(spanOf('verification code is 482913', 'otp_code')).toBe('482913')
    expect(spanOf('the code is 730148', 'otp_code')).toBe('730148')
    expect(spanOf('730148 is your Google verification code', 'otp_code')).toBe('730148')
  })

  it('does not read other codes as one-time codes', () => {
    expect(kinds('the zip code is 90210')).not.toContain('otp_code')
    expect(kinds('promo code is 2024')).not.toContain('otp_code')
  })

  it('treats recovery codes as ultrasecret', () => {
    const text = 'github recovery codes: 8f3k-29dk 1m4p-77xq 0qz8-m2ke'
    expect(spanOf(text, 'recovery_code')).toBe('8f3k-29dk 1m4p-77xq 0qz8-m2ke')
    expect(find(text, 'recovery_code')?.floor).toBe('ultrasecret')
  })

  it('recognises an unlabelled list of generated codes but not one code', () => {
    expect(kinds('a7k2-9dq1 m3x8-44pz q0we-7h2c b5n1-z8yy')).toContain('recovery_code')
    expect(kinds('order a7k2-9dq1 arrived')).not.toContain('recovery_code')
  })

  it('proves BitLocker recovery keys by their block checks', () => {
    const key = '123453-234564-345675-456786-567897-000011-111122-222233'
    expect(spanOf(`bitlocker ${key}`, 'recovery_code')).toBe(key)
    expect(kinds('bitlocker 123454-234564-345675-456786-567897-000011-111122-222233')).not.toContain('recovery_code')
  })
})

describe('keys and tokens', () => {
  it('finds keys by their published formats', () => {
    expect(kinds('AKIAZ3MXQ7R2VW5T4LPN')).toEqual(['api_key'])
    expect(kinds('ghp_AMXyOtdMwocGCBuatpgYHpW26m8NZ89aSO0a')).toEqual(['access_token'])
    expect(kinds('stripe sk_live_xcBMUau7n09t3iGytxDAF4LR')).toEqual(['api_key'])
    expect(kinds('AIzaX8gAS4w0B9JKBs6nuMUYJEFTq6fa2n36sak')).toEqual(['api_key'])
    expect(kinds('slack bot xoxb-5hKFMU0BRpro6dBFJ73umTaV')).toEqual(['access_token'])
  })

  it('drops documentation placeholders', () => {
    for (const text of [
      'AKIAIOSFODNN7EXAMPLE',
      'sk_test_xxxxxxxxxxxxxxxxxxxx',
      'api key: your-api-key-here',
      'my api key is abc123',
      'token aaaaaaaaaaaaaaaaaaaaaaaaaaaa1',
    ]) {
      expect(kinds(text), text).toEqual([])
    }
  })

  it('validates JWTs by their header', () => {
    const jwt =
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzgxIiwiaWF0IjoxNzE2MjM5MDIyfQ.mb1plbkcNr5NWm3vLcPJLNPR9sFpg3OmZpt5lUUmPR4'
    expect(spanOf(`Authorization: ${jwt}`, 'access_token')).toBe(jwt)
    expect(kinds('eyJub3RqdHNvbiI.eyJhYmNkZWZnaGk.xyz')).not.toContain('access_token')
  })

  it('finds a high-entropy key stated near the word key', () => {
    expect(spanOf('the analytics key is 9fQ2xLr7TzW4kP8mN1vB6cY3', 'api_key')).toBe('9fQ2xLr7TzW4kP8mN1vB6cY3')
  })

  it('finds credentials embedded in a URL', () => {
    expect(kinds('backup to https://admin:s3cretPass@nas.local/share')).toContain('password')
  })

  it('finds PEM private keys as ultrasecret', () => {
    const pem = [
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
      'QyNTUxOQAAACDk3Yt5rJmT0n6n8kE4n1rFJ8u5kq0Yb8PpV3tZ8o2hJwAAAJjF',
      '-----END OPENSSH PRIVATE KEY-----',
    ].join('\n')
    const text = `server key:\n${pem}\nthanks`
    const d = find(text, 'private_key')
    expect(d?.floor).toBe('ultrasecret')
    expect(d && text.slice(d.start, d.end)).toBe(pem)
  })

  it('finds WIF and hex private keys, not a bare hash', () => {
    expect(kinds('L2e9ZShRcHYptLrgEpfk9rjCNN9TMeDRzX2EZftufFhwpCufeMHv')).toEqual(['private_key'])
    expect(kinds('L2e9ZShRcHYptLrgEpfk9rjCNN9TMeDRzX2EZftufFhwpCufeMHw')).toEqual([])
    const hex = '81cce25b1f67f03f7138ebbb6f072e7a5fc0cd3a57d88c20774cc0b4415c53be'
    expect(find(`eth private key: ${hex}`, 'private_key')?.floor).toBe('ultrasecret')
    expect(kinds(`sha256 of the file is ${hex}`)).toEqual([])
  })
})

describe('crypto wallets', () => {
  const seed = 'senior aspect hard sun emotion screen flower initial hospital equal model useless'

  it('finds a BIP39 seed phrase by its checksum', () => {
    const text = `wrote this down: ${seed}`
    expect(spanOf(text, 'seed_phrase')).toBe(seed)
    expect(find(text, 'seed_phrase')?.floor).toBe('ultrasecret')
  })

  it('ignores twelve wordlist words whose checksum fails, unless stated as a seed', () => {
    const words = 'senior aspect hard sun emotion screen flower initial hospital equal model abandon'
    expect(kinds(words)).toEqual([])
    expect(kinds(`my seed phrase: ${words}`)).toContain('seed_phrase')
    expect(kinds('went to the market then the park with my sister and her two kids today')).toEqual([])
  })

  it('checks addresses with Base58Check and Bech32', () => {
    expect(kinds('send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2')).toEqual(['crypto_address'])
    expect(kinds('send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3')).toEqual([])
    expect(kinds('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4')).toEqual(['crypto_address'])
    expect(kinds('bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5')).toEqual([])
    expect(kinds('0x720de118c5d60852059a7b437e0ee6e325d82047')).toEqual(['crypto_address'])
  })

  it('raises an address the writer calls their own wallet to secret', () => {
    expect(find('send to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'crypto_address')?.floor).toBe('confidential')
    expect(find('my wallet is 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2', 'crypto_address')?.floor).toBe('secret')
  })
})

describe('contact details', () => {
  it('finds a personal email, not documentation or robot addresses', () => {
    expect(spanOf('write to jane.doe+vault@gmail.com.', 'email')).toBe('jane.doe+vault@gmail.com')
    expect(kinds('replies go to noreply@github.com')).toEqual([])
    expect(kinds('use someone@example.com in the docs')).toEqual([])
    expect(kinds('anything ending with @somedomain.com works?')).toEqual([])
    expect(spanOf('mail me: jane dot doe at gmail dot com', 'email')).toBe('jane dot doe at gmail dot com')
  })

  it('finds phone numbers, including the spaced-out typing', () => {
    expect(spanOf('call me at (415) 867-5309 tonight', 'phone')).toBe('(415) 867-5309')
    expect(spanOf('cll me 4 1 5 -8 6 7 -5 3 0 9 pls', 'phone')).toBe('4 1 5 -8 6 7 -5 3 0 9')
    expect(spanOf('uk mobile +44 7911 123456', 'phone')).toBe('+44 7911 123456')
  })

  it('ignores numbers that are not phone numbers', () => {
    for (const text of ['in 2019 we moved', 'it cost $1,250,000', 'meet at 10:30', 'on 2024-03-12', 'does it support 555-series callbacks?']) {
      expect(kinds(text), text).not.toContain('phone')
    }
  })

  it('finds street addresses with city, state and ZIP', () => {
    expect(spanOf('moved to 1208 Maple Grove Ave, Portland, OR 97205 last week', 'street_address')).toBe(
      '1208 Maple Grove Ave, Portland, OR 97205',
    )
    expect(spanOf('my address is Hauptstraße 12, Berlin', 'street_address')).toBe('Hauptstraße 12')
    expect(kinds('I ran 5 miles down the road')).toEqual([])
    expect(kinds('Does shipping cover 123 Fake St demo locations?')).toEqual([])
  })

  it('finds dates of birth with a year only', () => {
    expect(spanOf('I was born on 12 March 1985 in Leeds', 'date_of_birth')).toBe('12 March 1985')
    expect(spanOf('DOB 03/12/1985', 'date_of_birth')).toBe('03/12/1985')
    expect(spanOf('my birthday is March 12, 1985', 'date_of_birth')).toBe('March 12, 1985')
    expect(kinds('born in 1985')).toEqual([])
    expect(kinds('my birthday is March 12')).toEqual([])
    expect(kinds('DOB 00/00/0000')).toEqual([])
  })

  it('finds public IPs and stated home IPs, not loopback or version numbers', () => {
    expect(spanOf('blocked from 73.22.151.9 again', 'ip_address')).toBe('73.22.151.9')
    expect(spanOf('my home IP is 192.168.1.20', 'ip_address')).toBe('192.168.1.20')
    expect(kinds('router at 192.168.1.1')).toEqual([])
    expect(kinds('listening on 127.0.0.1 and 0.0.0.0')).toEqual([])
    expect(kinds('upgraded to version 1.2.3.4')).toEqual([])
    expect(kinds('vpn exit 2a03:2880:f12f:83:face:b00c:0:25de')).toContain('ip_address')
  })
})

describe('sensitive topics by vocabulary', () => {
  it('fires on personal health, legal and money matters', () => {
    const health = find('I was diagnosed with type 2 diabetes today', 'health')
    expect(health?.floor).toBe('confidential')
    expect(health?.confidence).toBeLessThan(0.9)
    expect(kinds('my therapist upped my sertraline to 100 mg')).toContain('health')
    expect(kinds('our custody hearing is on Friday, my lawyer is ready')).toContain('legal')
    expect(kinds('I make $92k a year and still owe $14,000 on my student loans')).toContain('financial')
    expect(kinds('she was diagnosed with breast cancer')).toContain('health')
  })

  it('reads falling behind on payments as money trouble, not just the word "debt"', () => {
    expect(kinds("we're three months in arrears on the flat")).toContain('financial')
    expect(kinds('I missed two payments on the car and they keep calling')).toContain('financial')
    expect(kinds('my repayments went up again after the rate change')).toContain('financial')
    expect(kinds('we are behind on the rent since my hours got cut')).toContain('financial')
    expect(kinds('How do repayments work on a student loan?')).toEqual([])
  })

  it('does not fire on general questions without a personal cue', () => {
    expect(kinds('What are the symptoms of flu?')).toEqual([])
    expect(kinds('How does a mortgage work in general?')).toEqual([])
    expect(kinds('Which court handles divorce cases?')).toEqual([])
  })

  it('respects word boundaries', () => {
    expect(kinds('my cancellation went through')).toEqual([])
    expect(kinds('I love my hospitality job')).toEqual([])
  })

  it('needs an owner right beside a general word', () => {
    expect(kinds('my therapist moved my appointment')).toContain('health')
    expect(kinds('I am thinking about counseling as a career path for others')).toEqual([])
  })
})

describe('detect()', () => {
  const positives = [
    'new visa is 4929 3812 6655 3019 exp 04/29',
    'pay rent to GB82 WEST 1234 5698 7654 32 monthly',
    'my ssn is 536-22-8726',
    'my password is hunter2',
    'PIN 4821',
    "mother's maiden name is Davis",
    'OTP: 5521',
    'stripe sk_live_xcBMUau7n09t3iGytxDAF4LR',
    'my wallet is 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2',
    'write to jane.doe+vault@gmail.com.',
    'call me at (415) 867-5309 tonight',
    'I was born on 12 March 1985 in Leeds',
    'passport no. X4817720',
  ]

  it('maps every span back onto the value and never puts the value in the reason', () => {
    for (const text of positives) {
      const found = detect(text)
      expect(found.length, text).toBeGreaterThan(0)
      for (const d of found) {
        const value = text.slice(d.start, d.end)
        expect(value.trim().length, text).toBeGreaterThan(0)
        expect(d.reason.toLowerCase()).not.toContain(value.toLowerCase())
        expect(d.confidence).toBeGreaterThan(0)
        expect(d.confidence).toBeLessThanOrEqual(1)
      }
    }
  })

  it('keeps offsets right around emoji and right-to-left text', () => {
    const emoji = '🔐🙂 my PIN is 4821 👍'
    expect(spanOf(emoji, 'pin')).toBe('4821')
    const rtl = 'שלום עולם, my password is hunter2 ‏תודה'
    expect(spanOf(rtl, 'password')).toBe('hunter2')
    const spaced = '📞 cll me 4 1 5 -8 6 7 -5 3 0 9 🙏'
    expect(spanOf(spaced, 'phone')).toBe('4 1 5 -8 6 7 -5 3 0 9')
  })

  it('sorts by start and reduces overlapping findings to the strongest', () => {
    const text = 'card 4929 3812 6655 3019, phone 415-867-5309, my password is hunter2'
    const found = detect(text)
    expect(found.map((d) => d.kind)).toEqual(['card_number', 'phone', 'password'])
    for (let i = 1; i < found.length; i++) {
      expect(found[i].start).toBeGreaterThanOrEqual(found[i - 1].end)
    }
  })

  it('handles empty and plain text', () => {
    expect(detect('')).toEqual([])
    expect(detect('Had pasta with Sam at the new place on Friday, it was lovely.')).toEqual([])
  })

  it('stays correct on 10,000-character inputs', () => {
    expect(detect('password '.repeat(1200).slice(0, 10_000))).toEqual([])
    expect(detect('1'.repeat(10_000))).toEqual([])
    expect(detect('1 '.repeat(5_000))).toEqual([])
    expect(detect('a@'.repeat(5_000))).toEqual([])
    const long = 'lorem ipsum dolor sit amet '.repeat(370) + 'my PIN is 4821'
    expect(long.length).toBeGreaterThan(10_000)
    const pin = find(long, 'pin')
    expect(pin && long.slice(pin.start, pin.end)).toBe('4821')
  })
})

describe('detectorFloor()', () => {
  it('returns the highest floor, or null', () => {
    expect(detectorFloor([])).toBeNull()
    expect(detectorFloor(detect('write to jane.doe+vault@gmail.com.'))).toBe('confidential')
    expect(detectorFloor(detect('jane.doe+vault@gmail.com, my password is hunter2'))).toBe('secret')
    expect(detectorFloor(detect('recovery key: 8f3k-29dk-p2m7-x9q1, my password is hunter2'))).toBe('ultrasecret')
  })
})
