// npm run bench:embeddings — the local embedding model's costs against its targets: how long
// the word-vector file takes to load in a fresh process and how much memory it adds (RSS and
// heap before and after), then the time to embed one memory, over LoCoMo's conversation turns
// (or generated sentences when the bench data is absent).
import fs from 'node:fs'
import { embedLocally } from '@/lib/embeddings/local'
import { wordVectors, wordVectorsFile } from '@/lib/embeddings/word-vectors'
import { benchDataDir, percentile } from './data'

const mb = (bytes: number) => bytes / 1024 / 1024

function texts(): string[] {
  const dir = benchDataDir()
  const file = dir && `${dir}/locomo-dev.json`
  if (file && fs.existsSync(file)) {
    const turns: string[] = []
    for (const conv of JSON.parse(fs.readFileSync(file, 'utf8')) as { conversation: Record<string, unknown> }[]) {
      for (const [key, value] of Object.entries(conv.conversation)) {
        if (/^session_\d+$/.test(key) && Array.isArray(value)) for (const turn of value as { text: string }[]) turns.push(turn.text)
      }
    }
    return turns
  }
  const words = ['dinner', 'with', 'my', 'mother', 'after', 'work', 'the', 'car', 'broke', 'down', 'again', 'near', 'lake']
  return Array.from({ length: 2_000 }, (_, i) => Array.from({ length: 8 + (i % 30) }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' '))
}

const corpus = texts()
globalThis.gc?.()
const before = process.memoryUsage()
const started = performance.now()
const vectors = wordVectors()
const loadMs = performance.now() - started
globalThis.gc?.()
const after = process.memoryUsage()
if (!vectors) {
  console.log(`no word vectors at ${wordVectorsFile()}: run \`node scripts/build-word-vectors.mjs\` (npm install does)`)
  process.exit(1)
}
console.log(`word vectors: ${(fs.statSync(wordVectorsFile()).size / 1e6).toFixed(1)} MB file loaded in ${loadMs.toFixed(0)} ms (target ≤ 200 ms)`)
console.log(
  `memory added: RSS ${mb(after.rss - before.rss).toFixed(1)} MB, heap and buffers ${mb(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers).toFixed(1)} MB (target ≤ 150 MB)`,
)

for (let i = 0; i < 200; i++) embedLocally(corpus[i % corpus.length])
const times: number[] = []
for (const text of corpus) {
  const t = performance.now()
  embedLocally(text)
  times.push(performance.now() - t)
}
times.sort((a, b) => a - b)
const words = corpus.reduce((sum, t) => sum + t.split(/\s+/).length, 0) / corpus.length
console.log(
  `embedding one memory (${corpus.length} texts, ${words.toFixed(0)} words on average): p50 ${percentile(times, 50).toFixed(3)} ms, p95 ${percentile(times, 95).toFixed(3)} ms, p99 ${percentile(times, 99).toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms (target ≤ 2 ms)`,
)
