// The shipped weights of the local classifier, lib/classify/weights/model.bin: trained and
// calibrated by `npm run calibrate:classifier` (on the corpus and the DLP dev rows, see
// docs/benchmarks.md) and committed, because the benchmark rows it learns from are not shipped.
// Loading it takes milliseconds. Only the features the training saw have weights, stored sparse
// as 16-bit integers with one scale per tier. The stamp ties the file to the corpus and to the
// feature version: when either changes, the file no longer matches and is not used.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { TIERS } from '@/lib/tiers'
import { FEATURE_VERSION, TOTAL_FEATURES } from './features'
import { CORPUS_DIR, LocalModel } from './model'

const MAGIC = 'MNCL2'
/** Magic, stamp, Platt's a, b and shift, examples, features, weighted features. */
const HEAD = 5 + 32 + 8 * 3 + 4 * 3

export function shippedWeightsFile(): string {
  return path.join(process.cwd(), 'lib', 'classify', 'weights', 'model.bin')
}

/** What the weights were trained from: the corpus and the features' version. */
export function weightsStamp(): string {
  const hash = createHash('sha256')
  hash.update(`${FEATURE_VERSION} ${TOTAL_FEATURES}\n`)
  for (const tier of TIERS) hash.update(fs.readFileSync(path.join(CORPUS_DIR, `${tier}.txt`)))
  return hash.digest('hex').slice(0, 32)
}

export function encodeWeights(model: LocalModel, stamp: string): Buffer {
  const { weights, bias } = model.parameters()
  const k = TIERS.length
  const used: number[] = []
  for (let f = 0; f < TOTAL_FEATURES; f++) {
    for (let c = 0; c < k; c++) {
      if (weights[c * TOTAL_FEATURES + f] !== 0) {
        used.push(f)
        break
      }
    }
  }
  const scales = new Float32Array(k)
  for (let c = 0; c < k; c++) {
    let max = 0
    for (const f of used) max = Math.max(max, Math.abs(weights[c * TOTAL_FEATURES + f]))
    scales[c] = max / 32767 || 1
  }
  const values = new Int16Array(used.length * k)
  used.forEach((f, i) => {
    for (let c = 0; c < k; c++) values[i * k + c] = Math.round(weights[c * TOTAL_FEATURES + f] / scales[c])
  })
  const head = Buffer.alloc(HEAD)
  head.write(MAGIC, 0, 'ascii')
  head.write(stamp.padEnd(32, '0').slice(0, 32), 5, 'ascii')
  head.writeDoubleLE(model.platt.a, 37)
  head.writeDoubleLE(model.platt.b, 45)
  head.writeDoubleLE(model.platt.shift ?? 0, 53)
  head.writeUInt32LE(model.examples, 61)
  head.writeUInt32LE(TOTAL_FEATURES, 65)
  head.writeUInt32LE(used.length, 69)
  const f32 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)
  const indices = Uint32Array.from(used)
  return Buffer.concat([head, f32(Float32Array.from(bias)), f32(scales), Buffer.from(indices.buffer), Buffer.from(values.buffer)])
}

/** The model in `buffer`, or null when it is not a weights file for this corpus and these features. */
export function decodeWeights(buffer: Buffer, stamp: string): LocalModel | null {
  if (buffer.length < HEAD || buffer.toString('ascii', 0, 5) !== MAGIC) return null
  if (buffer.toString('ascii', 5, 37) !== stamp || buffer.readUInt32LE(65) !== TOTAL_FEATURES) return null
  const k = TIERS.length
  const platt = { a: buffer.readDoubleLE(37), b: buffer.readDoubleLE(45), shift: buffer.readDoubleLE(53) }
  const examples = buffer.readUInt32LE(61)
  const count = buffer.readUInt32LE(69)
  const copy = (offset: number, bytes: number) => buffer.buffer.slice(buffer.byteOffset + offset, buffer.byteOffset + offset + bytes)
  let offset = HEAD
  const bias = new Float32Array(copy(offset, 4 * k))
  offset += 4 * k
  const scales = new Float32Array(copy(offset, 4 * k))
  offset += 4 * k
  const indices = new Uint32Array(copy(offset, 4 * count))
  offset += 4 * count
  const values = new Int16Array(copy(offset, 2 * count * k))
  if (values.length !== count * k) return null
  const weights = new Float32Array(k * TOTAL_FEATURES)
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < k; c++) weights[c * TOTAL_FEATURES + indices[i]] = values[i * k + c] * scales[c]
  }
  return new LocalModel(weights, bias, examples, platt)
}

export function readShippedWeights(): LocalModel | null {
  try {
    return decodeWeights(fs.readFileSync(shippedWeightsFile()), weightsStamp())
  } catch {
    return null
  }
}

export function writeShippedWeights(model: LocalModel) {
  const file = shippedWeightsFile()
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, encodeWeights(model, weightsStamp()))
}
