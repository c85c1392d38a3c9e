// Everyday chat is not locked away: a message sent from a chat app is often a reply, thanks,
// a taste or a hobby, with warm words in it, and belongs in tier 1 where search and digests
// reach it. Private matters in the same register still go to a protected tier. None of these
// sentences is in the training corpus.
import { describe, expect, it } from 'vitest'
import { classify } from '@/lib/classify'
import { TIER_LEVEL } from '@/lib/tiers'

const tierOf = async (text: string) => (await classify(text, { allowRemote: false, now: new Date('2026-06-10T12:00:00Z') })).tier

describe('the local classifier on everyday chat', () => {
  it.each([
    'thank you, that made my day!',
    "I'm really into documentaries about space",
    'my family always keeps me going, they mean the world to me',
    'that mural is gorgeous, I love the bold colours',
    "you're so talented, keep painting!",
    'woodwork is such a satisfying hobby',
    'my van broke down on the ring road again',
    'we had a lovely picnic in the park with the grandkids on sunday',
    'I went to a drumming class last night, so much fun',
    // The texting register: abbreviations, first person, a third person, nothing private.
    "I'm at the station now, where r u?",
    'he just left, should be with u in 10',
    "ok I'll pass it to him tmr",
    "omg I'm so late, save me a spot",
    // Long messages and introductions, as people write in a messaging app: length, a first name
    // or a home city are not private matters.
    'My name is Kevin, nice to meet you! I just moved here for work',
    "I grew up in Leeds and moved to Bristol after uni, I still can't get used to the hills",
    'I finally finished that sci-fi series everyone talks about. The first half was slow but the last three episodes were incredible, and the ending made me want to start again from the beginning. What are you watching at the moment?',
    "I've been going to a climbing gym twice a week with my flatmate. I'm still terrible at the overhangs, but the people there are lovely and I always leave in a good mood, so I think I'll keep going",
  ])('keeps "%s" in tier 1', async (text) => {
    expect(TIER_LEVEL[await tierOf(text)]).toBe(1)
  })

  it.each([
    "I've been feeling really low since the divorce and can't face anyone",
    'my therapist thinks the panic attacks are linked to my job',
    'we are behind on the mortgage by three months and I have not told my wife',
    'my brother and I are not speaking since the row about dad',
    'ugh the bank bounced my rent again, 40 quid fee on top',
    // Health in plain words, in a long chatty message.
    'the nurse said my iron is really low and I need infusions',
    "Sorry I've been quiet. The doctor found something on my ovary at the check-up and I'm waiting for a second scan, so I haven't really felt like talking to anyone this week",
  ])('protects "%s"', async (text) => {
    expect(TIER_LEVEL[await tierOf(text)]).toBeGreaterThanOrEqual(2)
  })
})
