import { describe, expect, it } from 'vitest'
import { detect } from '@/lib/classify/detectors'

const personal = (text: string) => detect(text).filter((d) => d.kind === 'personal_data')

describe('personal data stated about oneself', () => {
  it.each([
    ['my full name is Tomas Okafor, please update the plan', 'Tomas'],
    ['My name is Robrt A lan Jh nson, fix it soon', 'Robrt'],
    ['my surname is Ferreira', 'Ferreira'],
    ['Name: Ana Ruiz', 'Ana Ruiz'],
    ['my employer is TechCorp, add it to the profile', 'TechCorp'],
    ['Employer: TechCorp, since 2019', 'TechCorp'],
    ['my citizenship is Portuguese', 'Portuguese'],
    ['my gamer tag is fox_77, add me', 'fox_77'],
    ['flight number is TP1234, landing at 6', 'TP1234'],
    ['my device serial number is SN-88K2-1190', 'SN-88K2-1190'],
    ['Flght nmbr is T P 1 2 3 4, arrvng tmrw', 'T P 1 2 3 4'],
    ['the backup is in /Users/dana/Documents/tax', '/Users/dana'],
    ['we were at 38.7223 N, 9.1393 W on sunday', '38.7223 N, 9.1393 W'],
  ])('finds it in "%s" and covers the value', (text, value) => {
    const found = personal(text)
    expect(found).toHaveLength(1)
    expect(text.slice(found[0].start, found[0].end)).toContain(value)
    expect(found[0].floor).toBe('confidential')
    expect(found[0].reason).not.toContain(value)
  })

  it.each([
    'how do I change my username?',
    'what documents do I need to add my spouse?',
    'my favourite colour is blue',
    'my son loves Lego',
    // A relative's name alone identifies nobody (issue 23): no floor.
    'add my husband, Tomas Okafor, to the plan',
    'Yesterday I went hiking with my sister Anna',
    // A first name alone, a pet's or a stranger's name, a school in passing: nobody is identified.
    'My name is Emilia, nice to meet you Kevin. Where are you from?',
    'Oh thats very fun, what movie are you going to watch? My name is Kevin.',
    "Let me show you my dog, his name is Brad Pitt",
    'His name is Ricky. Let me know how the dinner goes',
    'I finished school at 4 pm and now I am working on a project',
    'I have been out all day from school to hanging out with my friends',
    'Rice University is one of our main attractions',
    'the professor of my calculus course at university was very good',
    "Edinburgh would be great. It's the birthplace of Harry Potter",
    "Wow, it looks great! Must've taken you ages to design it",
    'I prefer aisle seats',
    'the demo coordinates are 0.0000 N, 0.0000 E',
    'cd /users/shared/music',
    'which flight numbers does the app support?',
  ])('finds nothing in "%s"', (text) => {
    expect(personal(text)).toEqual([])
  })
})
