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

  it('are optional: without the file the callers get null and carry on', async () => {
    process.env.MNEMO_WORD_VECTORS_FILE = '/nonexistent/word-vectors.bin'
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const { wordVectors } = await import('@/lib/embeddings/word-vectors')
    expect(wordVectors()).toBeNull()
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('no word vectors'))
    warn.mockRestore()
  })
})
