// Sentiment of a message: positive / negative / neutral with a score in -1..1, from the AFINN
// word list (the `sentiment` package), with negation handling.
import Sentiment from 'sentiment'

export interface Emotion {
  label: 'positive' | 'negative' | 'neutral'
  /** -1 (very negative) … 1 (very positive). */
  score: number
}

const analyzer = new Sentiment()

export function analyzeSentiment(text: string): Emotion {
  const { comparative, score } = analyzer.analyze(text.slice(0, 5_000))
  // `comparative` is the AFINN sum per word (each word -5..5); scale so a clearly emotional
  // sentence reaches about ±0.5 and saturates at ±1.
  const scaled = Math.max(-1, Math.min(1, comparative / 2))
  const label = score > 0 && scaled >= 0.05 ? 'positive' : score < 0 && scaled <= -0.05 ? 'negative' : 'neutral'
  return { label, score: Math.round(scaled * 100) / 100 }
}
