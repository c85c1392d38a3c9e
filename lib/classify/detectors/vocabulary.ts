// Sensitive topics by vocabulary: health, legal and financial matters. There is no checksum
// for "I was diagnosed with diabetes", so these are the weakest detectors (confidence 0.6–0.8)
// and they fire only on whole words, in a sentence about the writer or their family: "what are
// the symptoms of flu?" is a question, "my symptoms are back" is a memory.
import type { DetectorKind } from '@/lib/classify/types'
import { isPersonal } from './context'
import { rawAt, sentenceAt, trigger, triggerHits, type Finding, type Scan } from './scan'

interface Topic {
  kind: DetectorKind
  /** Terms that name a specific condition, charge or debt: a stronger signal than a general word. */
  strong: RegExp
  weak: RegExp
  /** Terms that count only next to an amount of money ("I owe $4,000"). */
  withAmount?: RegExp
  reason: string
}

const HEALTH_STRONG = [
  'diagnosed|diagnosis|diagnoses|misdiagnosed|medical records?|health records?|psychological (?:profile|evaluation|assessment)|psych eval',
  'depression|panic attacks?|bipolar|adhd|autism|autistic|ptsd|ocd|schizophrenia|eating disorder|anorexia|bulimia|insomnia|suicidal|self - harm|self harm|postpartum',
  'pregnant|pregnancy|miscarriage|abortion|ivf|infertility|fertility treatment',
  'hiv|aids|std|sti|herpes|hepatitis|chlamydia|syphilis|hpv',
  'cancer|tumou?r|chemo|chemotherapy|radiotherapy|leukemia|lymphoma|melanoma|metastatic|biopsy|mammogram',
  'diabetes|diabetic|insulin|asthma|epilepsy|seizures?|had a stroke|mini stroke|heart attack|heart condition|arrhythmia|hypertension|high blood pressure|cholesterol|copd|dementia|alzheimer \'s|alzheimers|parkinson \'s|multiple sclerosis|crohn \'s|celiac|arthritis|lupus|fibromyalgia|migraines?|concussion|covid|long covid|tuberculosis',
  'antidepressants?|sertraline|zoloft|prozac|fluoxetine|xanax|alprazolam|lexapro|escitalopram|citalopram|wellbutrin|bupropion|adderall|ritalin|methylphenidate|metformin|lisinopril|levothyroxine|atorvastatin|amlodipine|omeprazole|gabapentin|tramadol|oxycodone|codeine|morphine|methadone|suboxone|valium|diazepam|ambien|quetiapine|seroquel|olanzapine|venlafaxine|effexor|truvada|birth control|contraceptives?|ibuprofen|paracetamol|acetaminophen|antibiotics?|steroids?|prednisone|epipen',
  'genetic (?:data|test|testing|results|risk|condition|disorder|marker)|dna (?:test|results)|genome|brca',
  'rehab|addiction|addicted|alcoholic|alcoholism|sobriety|sober|relapse|relapsed|overdose|withdrawal',
  'surgery|surgeries|operated on|mri|ct scan|x - ray|ultrasound|blood test|blood work|lab results|test results came back|prescription|prescribed|dosage|allergy|allergies|allergic',
].join('|')
const HEALTH_WEAK = [
  'anxiety|depressed|therapy|therapist|psychiatrist|psychologist|counsellor|counselor|counseling|counselling|mental health',
  'symptoms?|medical condition|health condition|skin condition|illness|disease|disorder|disability|disabled|infection|injury|injured|fracture|chronic pain|back pain',
  'medication|medications|meds|pills|doctor|gp|physician|hospital|hospitalized|hospitalised|icu|clinic|appointment with (?:my|the) doctor',
  'blood pressure|blood sugar|heart rate|bpm|a1c|bmi',
].join('|')

const LEGAL_STRONG = [
  'lawsuit|lawsuits|sue (?:him|her|them|my|the|for|over)|suing|sued|litigation|class action',
  'divorce|divorcing|divorced|custody|alimony|child support|prenup|prenuptial|restraining order|protective order',
  'arrest|arrested|charged with|criminal charges|criminal record|conviction|convicted|felony|misdemeanou?r|indicted|indictment|arrest warrant|bench warrant|jail|prison|incarcerated|probation|parole|bail hearing|posted bail|out on bail|plea deal|pleaded guilty|guilty plea|dui|dwi|police report',
  'court date|court hearing|court case|court order|in court|hearing date|trial date|subpoena|subpoenaed|small claims|cease and desist',
  'visa status|immigration (?:case|status|hearing|lawyer|court|attorney)|deportation|deported|asylum|green card|undocumented|overstayed|work permit|citizenship status|residence permit',
  'eviction|evicted|power of attorney|probate|harassment claim|discrimination claim|workers comp|divorce settlement|injury settlement|settlement offer',
].join('|')
const LEGAL_WEAK = 'lawyer|lawyers|attorney|solicitor|legal aid|legal advice|legal fees|notary'

const FINANCIAL_STRONG = [
  'salary|salaries|income|wage|wages|paycheck|paycheque|payslip|pay stub|pay raise|pay rise',
  'debt|debts|in debt|credit card debt|student loans?|loan|loans|mortgage|payday loan|overdraft|overdrawn|debt collector|collections agency|foreclosure|repossessed|bankruptcy|bankrupt|defaulted',
  'repayments?|arrears|missed (?:a |two |three |several |my |the )?payments?|late payments?|behind on (?:the |my |our )?(?:rent|payments|bills|mortgage)',
  'credit score|credit report|credit rating|fico',
  'bank balance|account balance|net worth|savings account|401k|401 \\( k \\)|roth ira|pension|retirement savings|investment portfolio|stock options|inheritance',
  'tax return|tax refund|taxes owed|back taxes|irs|hmrc',
].join('|')
const FINANCIAL_WEAK = 'savings|investments|portfolio|crypto holdings'
const FINANCIAL_AMOUNT = 'earn|earns|earned|earning|owe|owes|owed|bonus|balance|borrowed|lent'

const TOPICS: Topic[] = [
  { kind: 'health', strong: trigger(HEALTH_STRONG), weak: trigger(HEALTH_WEAK), reason: 'health or medical details in a personal context' },
  { kind: 'legal', strong: trigger(LEGAL_STRONG), weak: trigger(LEGAL_WEAK), reason: 'a legal matter in a personal context' },
  {
    kind: 'financial',
    strong: trigger(FINANCIAL_STRONG),
    weak: trigger(FINANCIAL_WEAK),
    withAmount: trigger(FINANCIAL_AMOUNT),
    reason: 'personal financial details',
  },
]

const OWNER = new Set(
  "my our i i'm im i've ive i'd we we're me us his her their mother dad father wife husband son daughter partner kid kids child brother sister grandma grandpa".split(' '),
)
const AMOUNT = /[$€£¥₹]\s?\d|\d[\d,.]*\s?(?:k|K|USD|EUR|GBP|dollars|euros|pounds|bucks|grand)\b/
const PAY_RATE =
  /[$€£¥₹]\s?\d[\d,.]*\s?(?:k|K)?\s?(?:a|an|per|\/)\s?(?:year|yr|month|mo|hour|hr|week|wk)\b|[$€£¥₹]\s?\d[\d,.]*\s?(?:k|K)?\s(?:annually|yearly|monthly)\b/gi
const DOSE = /\b\d+(?:\.\d+)?\s?(?:mg|mcg|µg|ml)\b/gi

export function findVocabulary(scan: Scan): Finding[] {
  const out: Finding[] = []
  const personal = new Map<number, boolean>()
  const isPersonalAt = (raw: number) => {
    const s = sentenceAt(scan, raw)
    if (!personal.has(s.start)) personal.set(s.start, isPersonal(scan.raw.slice(s.start, s.end)))
    return personal.get(s.start) === true
  }
  // A general word ("therapy", "lawyer") needs its owner close by: "my therapist", "I see a
  // lawyer", not "counselling as a career".
  const ownedAt = (token: number) => {
    for (let i = Math.max(0, token - 3); i < token; i++) if (OWNER.has(scan.tokens[i].canon)) return true
    return false
  }
  const sentenceOf = (raw: number) => {
    const s = sentenceAt(scan, raw)
    return scan.raw.slice(s.start, s.end)
  }
  for (const topic of TOPICS) {
    const hits: Array<{ start: number; end: number; strength: number }> = []
    const collect = (pattern: RegExp, strength: number, needsAmount: boolean, needsOwner = false) => {
      for (const hit of triggerHits(scan, pattern)) {
        const start = scan.tokens[hit.first].start
        const end = scan.tokens[hit.next - 1].end
        if (!isPersonalAt(rawAt(scan, start))) continue
        if (needsOwner && !ownedAt(hit.first)) continue
        if (needsAmount && !AMOUNT.test(sentenceOf(rawAt(scan, start)))) continue
        hits.push({ start, end, strength })
      }
    }
    collect(topic.strong, 0.75, false)
    collect(topic.weak, 0.62, false, true)
    if (topic.withAmount) collect(topic.withAmount, 0.7, true)
    if (topic.kind === 'financial') {
      // An amount beside a strong money word says more: "my salary is $85,000".
      for (const h of hits) if (h.strength >= 0.75 && AMOUNT.test(sentenceOf(rawAt(scan, h.start)))) h.strength = 0.8
      // "I make $85k a year": a pay rate is income whatever the verb.
      for (const m of scan.view.text.matchAll(PAY_RATE)) {
        if (isPersonalAt(rawAt(scan, m.index))) hits.push({ start: m.index, end: m.index + m[0].length, strength: 0.75 })
      }
    }
    if (topic.kind === 'health') {
      for (const m of scan.view.text.matchAll(DOSE)) {
        if (isPersonalAt(rawAt(scan, m.index))) hits.push({ start: m.index, end: m.index + m[0].length, strength: 0.7 })
      }
    }
    // Several terms in one message reinforce each other.
    const bonus = Math.min(0.05 * (hits.length - 1), 0.05)
    for (const h of hits) {
      out.push({ kind: topic.kind, start: h.start, end: h.end, confidence: Math.min(0.8, h.strength + bonus), reason: topic.reason })
    }
  }
  return out
}
