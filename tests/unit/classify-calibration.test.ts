// Calibrated confidences: probabilities in [0, 1] that sum to one, monotone in the model's raw
// score, fitted curves that follow the data; and the shipped weights are the ones the corpus and
// the features make (npm run calibrate:classifier), loaded without training.
import { describe, expect, it } from 'vitest'
import { calibrate, calibrateMass, fitPlatt, IDENTITY_PLATT, sensitiveMass } from '@/lib/classify/calibration'
import { featurize } from '@/lib/classify/features'
import { LocalModel } from '@/lib/classify/model'
import { decodeWeights, encodeWeights, readShippedWeights } from '@/lib/classify/weights'
import { TIERS } from '@/lib/tiers'

const platt = { a: 0.8, b: -0.4 }

describe('calibration', () => {
  it('keeps probabilities in [0, 1], summing to one, whatever the raw output', () => {
    for (const raw of [
      [1, 0, 0, 0, 0],
      [0, 0, 0, 0, 1],
      [0.2, 0.2, 0.2, 0.2, 0.2],
      [0.05, 0.05, 0.3, 0.3, 0.3],
    ]) {
      const p = calibrate(raw, platt)
      expect(p).toHaveLength(TIERS.length)
      for (const x of p) {
        expect(x).toBeGreaterThanOrEqual(0)
        expect(x).toBeLessThanOrEqual(1)
      }
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6)
    }
  })

  it('is monotone: a higher raw score never gives a lower calibrated one', () => {
    let previous = -1
    for (let raw = 0; raw <= 1.0001; raw += 0.01) {
      const c = calibrateMass(Math.min(raw, 1), platt)
      expect(c).toBeGreaterThanOrEqual(previous)
      previous = c
    }
  })

  it('keeps the ranking within the protected tiers', () => {
    const p = calibrate([0.1, 0.2, 0.3, 0.25, 0.15], platt)
    expect(p[2]).toBeGreaterThan(p[3])
    expect(p[3]).toBeGreaterThan(p[4])
    expect(sensitiveMass(p)).toBeCloseTo(calibrateMass(0.7, platt), 6)
  })

  it('fits a curve that shrinks an over-confident score toward what was observed', () => {
    // The raw score says 0.95 but only 60 % of these are sensitive; at 0.05, 10 % are.
    const points = [
      ...Array.from({ length: 100 }, (_, i) => ({ raw: 0.95, sensitive: i < 60 })),
      ...Array.from({ length: 100 }, (_, i) => ({ raw: 0.05, sensitive: i < 10 })),
    ]
    const fitted = fitPlatt(points)
    expect(calibrateMass(0.95, fitted)).toBeCloseTo(0.6, 1)
    expect(calibrateMass(0.05, fitted)).toBeCloseTo(0.1, 1)
    expect(fitPlatt(points.filter((p) => p.sensitive))).toEqual(IDENTITY_PLATT)
  })
})

describe('the shipped weights', () => {
  it('match the corpus and the features, and carry a calibration', () => {
    const model = readShippedWeights()
    expect(model, 'run `npm run calibrate:classifier` after changing the corpus or the features').not.toBeNull()
    expect(model!.platt).not.toEqual(IDENTITY_PLATT)
    const p = model!.predict(featurize('my blood test came back and the consultant wants to see me'))
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
  })

  it('survive encoding with a small loss and refuse another stamp', () => {
    const model = readShippedWeights()!
    const again = decodeWeights(encodeWeights(model, 'x'.repeat(32)), 'x'.repeat(32))!
    const v = featurize('the router password is on the fridge')
    const a = model.predict(v)
    const b = again.predict(v)
    a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 3))
    expect(decodeWeights(encodeWeights(model, 'x'.repeat(32)), 'y'.repeat(32))).toBeNull()
    expect(again).toBeInstanceOf(LocalModel)
  })
})
