// Prompts for the remote models. Functions, so the wording lives in one place.

export function classificationPrompt(content: string, context?: string): string {
  return [
    'You sort notes a person writes to their own private memory vault into exactly one security tier.',
    'Tiers:',
    '- chronological: events and experiences anchored in time ("yesterday I…", "meeting on Friday").',
    '- general: timeless facts, preferences, knowledge, questions, ideas; may mention sensitive topics without containing sensitive data.',
    '- confidential: personal, private matters: health worries, feelings, family conflict, salary, personal contact details (address, phone, email, birth date).',
    '- secret: credentials and numbers: passwords, PINs, one-time codes, API keys, card/bank/IBAN numbers, SSN/passport/ID numbers, detailed medical or legal facts.',
    '- ultrasecret: the most sensitive: master passwords, recovery codes, seed phrases, private keys.',
    'When unsure between two tiers, choose the more protective one.',
    'Answer with the tier, your confidence from 0 to 1, one sentence of reasoning that does not repeat any secret value, and up to 5 short topic tags.',
    context ? `Context from the user: ${context.slice(0, 500)}` : '',
    'The note, between the markers:',
    '<<<',
    content,
    '>>>',
  ]
    .filter(Boolean)
    .join('\n')
}
