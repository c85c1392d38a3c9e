// Topic tags: the user's own existing tags first, then topic families found by keyword.
import { tokenize } from './features'

const FAMILIES: Record<string, string[]> = {
  work: ['work', 'job', 'office', 'meeting', 'boss', 'colleague', 'coworker', 'project', 'deadline', 'client', 'manager', 'promotion', 'interview', 'career', 'presentation', 'standup', 'shift'],
  family: ['mom', 'mother', 'mama', 'mum', 'dad', 'father', 'papa', 'sister', 'brother', 'son', 'daughter', 'kids', 'kid', 'children', 'wife', 'husband', 'grandma', 'grandpa', 'grandmother', 'grandfather', 'aunt', 'uncle', 'cousin', 'family', 'parents', 'baby', 'niece', 'nephew'],
  health: ['doctor', 'dentist', 'hospital', 'sick', 'pain', 'medication', 'meds', 'therapy', 'therapist', 'anxiety', 'depression', 'depressed', 'blood', 'symptoms', 'diagnosis', 'diagnosed', 'allergy', 'headache', 'migraine', 'surgery', 'prescription', 'clinic', 'health', 'vaccine', 'pregnant', 'mg', 'fever', 'flu', 'covid', 'physio'],
  finance: ['bank', 'money', 'salary', 'rent', 'mortgage', 'loan', 'debt', 'budget', 'invoice', 'tax', 'taxes', 'savings', 'invest', 'investment', 'credit', 'paid', 'payment', 'bills', 'insurance', 'iban', 'account', 'card', 'paycheck', 'pension', 'stocks', 'crypto', 'bitcoin', 'wallet'],
  travel: ['flight', 'trip', 'hotel', 'airport', 'train', 'vacation', 'holiday', 'passport', 'visa', 'booking', 'travel', 'beach', 'abroad', 'airbnb', 'luggage'],
  food: ['dinner', 'lunch', 'breakfast', 'brunch', 'restaurant', 'recipe', 'cook', 'cooked', 'cooking', 'pizza', 'coffee', 'eat', 'ate', 'food', 'groceries', 'meal', 'bake', 'baked', 'sushi', 'cafe'],
  fitness: ['gym', 'run', 'ran', 'running', 'workout', 'yoga', 'swim', 'swam', 'bike', 'cycling', 'hike', 'hiked', 'marathon', 'steps', 'training', 'pilates', 'climbing'],
  social: ['friend', 'friends', 'party', 'date', 'wedding', 'birthday', 'drinks', 'hangout', 'bbq', 'dinner party'],
  home: ['house', 'apartment', 'flat', 'home', 'kitchen', 'garden', 'landlord', 'repair', 'plumber', 'furniture', 'moving', 'cleaning', 'laundry'],
  shopping: ['buy', 'bought', 'order', 'ordered', 'shop', 'shopping', 'amazon', 'purchase', 'return'],
  learning: ['book', 'read', 'reading', 'course', 'class', 'learn', 'learning', 'study', 'exam', 'lecture', 'homework'],
  tech: ['laptop', 'phone', 'app', 'software', 'computer', 'code', 'server', 'wifi', 'router', 'github', 'api', 'update', 'backup'],
  security: ['password', 'passcode', 'pin', 'login', '2fa', 'otp', 'recovery', 'seed', 'credentials', 'key', 'keys'],
  entertainment: ['movie', 'film', 'show', 'series', 'music', 'concert', 'game', 'podcast', 'netflix', 'album', 'band'],
}

const MAX_TAGS = 5

/** Tags of a message; `existing` are the user's tags in order of use, reused first. */
export function suggestTags(text: string, existing: readonly string[] = []): string[] {
  const tokens = tokenize(text)
  const words = new Set(tokens)
  const joined = ` ${tokens.join(' ')} `
  const tags: string[] = []
  for (const tag of existing) {
    const normalized = tag.toLowerCase()
    if (tags.length >= MAX_TAGS) break
    const tagWords = tokenize(normalized)
    if (tagWords.length > 0 && joined.includes(` ${tagWords.join(' ')} `)) tags.push(normalized)
    else if (FAMILIES[normalized]?.some((k) => words.has(k))) tags.push(normalized)
  }
  for (const [family, keywords] of Object.entries(FAMILIES)) {
    if (tags.length >= MAX_TAGS) break
    if (!tags.includes(family) && keywords.some((k) => (k.includes(' ') ? joined.includes(` ${k} `) : words.has(k)))) tags.push(family)
  }
  return tags
}
