import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'

afterEach(() => {
  delete process.env.MNEMO_WORD_VECTORS_FILE
  vi.resetModules()
})

describe('the pre-trained word vectors', () => {
  it('load from the compact binary and keep the meaning of words', async () => {
    const { averageWordVector, wordVectors } = await import('@/lib/embeddings/word-vectors')
    const vectors = wordVectors()
    expect(vectors).not.toBeNull()
    expect(vectors!.dims).toBe(100)
    expect(vectors!.count).toBeGreaterThan(50_000)
    expect(vectors!.cosine('mother', 'mom')!).toBeGreaterThan(0.65)
    expect(vectors!.cosine('car', 'vehicle')!).toBeGreaterThan(0.75)
    expect(vectors!.cosine('dog', 'banana')!).toBeLessThan(0.4)
    expect(vectors!.cosine('mother', 'zzqqxx')).toBeNull()
    const sentence = averageWordVector(['my', 'vehicle', 'broke', 'down'], vectors!)!
    expect(Math.hypot(...sentence)).toBeCloseTo(1, 5)
    expect(averageWordVector(['zzqqxx'], vectors!)).toBeNull()
  })

  it('keep their common directions beside the file, and compute them again for a stale or broken copy', async () => {
    const { wordVectorsFile } = await import('@/lib/embeddings/word-vectors')
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mnemo-vectors-'))
    const file = path.join(folder, 'word-vectors.bin')
    fs.copyFileSync(wordVectorsFile(), file)
    process.env.MNEMO_WORD_VECTORS_FILE = file
    const embed = async () => {
      vi.resetModules()
      const { embedLocally } = await import('@/lib/embeddings/local')
      return embedLocally('my vehicle broke down on the highway')
    }
    const first = await embed()
    expect(fs.existsSync(`${file}.common`)).toBe(true)
    expect(await embed()).toEqual(first)
    fs.writeFileSync(`${file}.common`, 'mnemo-common-v1 1 2 3 4\nnot numbers')
    expect(await embed()).toEqual(first)
    expect(fs.readFileSync(`${file}.common`).subarray(0, 15).toString()).toBe('mnemo-common-v1')
    expect(fs.statSync(`${file}.common`).size).toBeGreaterThan(800)
  })

  it('are optional: without the file the callers get null and carry on', async () => {
    process.env.MNEMO_WORD_VECTORS_FILE = '/nonexistent/word-vectors.bin'
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { wordVectors } = await import('@/lib/embeddings/word-vectors')
    expect(wordVectors()).toBeNull()
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no word vectors'))
    warn.mockRestore()
  })
})
