/**
 * The step → pos mappings in front of fastai's schedules: k/total_steps, and fastai's own
 * per-batch progress (an accumulated sum, reproduced bit for bit without the O(k) loop).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/index.js';
import {
  accumulate,
  fitProgress,
  linearProgress,
  onProgress,
} from '../../../src/families/fastai/progress.js';
import { familyGolden } from '../../helpers/golden.js';
import { expectThrows } from '../../helpers/errors.js';

/** The loop accumulate replaces: j additions, each rounded. */
function naive(x: number, d: number, j: number): number {
  let v = x;
  for (let i = 0; i < j; i++) v += d;
  return v;
}

describe('accumulate', () => {
  const table: [x: number, d: number, j: number, expected: number][] = [
    [0, 0.1, 0, 0],
    [0, 0.1, 1, 0.1],
    [0, 0.1, 3, 0.30000000000000004],
    [0, 0.1, 10, 0.9999999999999999],
    [1 / 3, 1 / 21, 1, 0.38095238095238093],
    // d below half an ulp of x: the counter stops moving
    [1, 2 ** -54, 1000, 1],
    // d exactly half an ulp (a tie) from an even significand: stays (ties to even)
    [1, 2 ** -53, 5, 1],
    // from an odd significand the first tie rounds up, then the value is even and stays
    [1 + 2 ** -52, 2 ** -53, 5, 1 + 2 ** -51],
    // 1.5 ulp per addition on ties: alternately 1 and 2 ulps → 2 ulps each from an even start
    [1, 1.5 * 2 ** -52, 4, 1 + 8 * 2 ** -52],
  ];
  for (const [x, d, j, expected] of table) {
    it(`${x} + ${j}×${d} = ${expected}`, () => {
      expect(accumulate(x, d, j)).toBe(expected);
      expect(naive(x, d, j)).toBe(expected);
    });
  }

  it('property: equals the loop bit for bit (epoch starts, 1/(n_iter·n_epoch) steps)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.nat(),
        fc.nat(),
        (nEpoch, nIter, e, j) => {
          const epoch = e % nEpoch;
          const batches = j % nIter;
          const x = epoch / nEpoch;
          const d = 1 / (nIter * nEpoch);
          return Object.is(accumulate(x, d, batches), naive(x, d, batches));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: equals the loop for any start, increment and count (ties and binade crossings)', () => {
    const tieD = fc
      .tuple(fc.integer({ min: -60, max: 0 }), fc.integer({ min: 0, max: 40 }))
      .map(([e, n]) => (n + 0.5) * 2 ** (e - 52));
    const anyD = fc.double({ min: 1e-20, max: 1, noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(0), fc.double({ min: 1e-30, max: 2, noNaN: true })),
        fc.oneof(tieD, anyD),
        fc.integer({ min: 0, max: 3000 }),
        (x, d, j) => Object.is(accumulate(x, d, j), naive(x, d, j)),
      ),
      { numRuns: 500 },
    );
  });

  it('is fast for long runs: a billion additions at once', () => {
    const d = 1 / 3e9;
    const v = accumulate(0, d, 1e9);
    expect(Math.abs(v - 1 / 3)).toBeLessThan(1e-6);
    // the run from a cached point continues exactly as from the start
    expect(accumulate(accumulate(0, d, 4e8), d, 6e8)).toBe(v);
  });

  const errors: [x: number, d: number, j: number, message: string][] = [
    [-1, 0.1, 1, 'accumulate: x must be a finite number ≥ 0, got -1'],
    [0, 0, 1, 'accumulate: d must be a finite number > 0, got 0'],
    [0, NaN, 1, 'accumulate: d must be a finite number > 0, got NaN'],
    [0, 0.1, 1.5, 'accumulate: j must be a non-negative integer, got 1.5'],
  ];
  for (const [x, d, j, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => accumulate(x, d, j), ParameterError, message);
    });
  }
});

describe('linearProgress', () => {
  it('k/total_steps, held at 1 past the end, fractional steps allowed', () => {
    const p = linearProgress(4);
    expect([0, 1, 2, 3, 4, 5, 1e9, 1.5].map(p)).toEqual([0, 0.25, 0.5, 0.75, 1, 1, 1, 0.375]);
  });
  it('rejects a total that is not a positive integer', () => {
    expectThrows(
      () => linearProgress(0),
      ParameterError,
      'linearProgress: totalSteps must be a positive integer, got 0',
    );
  });
});

describe('fitProgress', () => {
  const simulated = familyGolden().cases.find((c) => c.name === 'fastai/one_cycle_simulated_fit')!;

  it('reproduces fastai’s pct_train of every batch exactly (fit_one_cycle(3) with 7 batches)', () => {
    const p = fitProgress(3, 7);
    expect(simulated.positions!.map((_, i) => p(i))).toEqual(simulated.positions);
    // an accumulated sum, not i/21: batch 11 differs from 11/21 in the last bit
    expect(p(11)).toBe(0.5238095238095237);
    expect(11 / 21).toBe(0.5238095238095238);
  });

  it('gives the same value in any order of queries (its cache is invisible)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.nat({ max: 300 }), { minLength: 1, maxLength: 30 }),
        (nEpoch, spe, ks) => {
          const cached = fitProgress(nEpoch, spe);
          return ks.every((k) => Object.is(cached(k), fitProgress(nEpoch, spe)(k)));
        },
      ),
    );
  });

  it('holds pos 1 from the end of the fit on, and a fractional step uses its batch', () => {
    const p = fitProgress(2, 3);
    expect([5, 6, 7, 1e9].map(p)).toEqual([naive(0.5, 1 / 6, 2), 1, 1, 1]);
    expect(p(4.7)).toBe(p(4));
  });

  it('is O(1) per batch in a long fit (1e6 batches per epoch)', () => {
    const p = fitProgress(10, 1e6);
    const k = 9e6 + 999_999; // the last batch
    expect(p(k)).toBe(accumulate(0.9, 1 / 1e7, 999_999));
    expect(p(k)).toBeLessThan(1);
  });

  it('rejects bad sizes', () => {
    expectThrows(
      () => fitProgress(0, 5),
      ParameterError,
      'fitProgress: nEpoch must be a positive integer, got 0',
    );
    expectThrows(
      () => fitProgress(2, 1.5),
      ParameterError,
      'fitProgress: stepsPerEpoch must be a positive integer, got 1.5',
    );
    expect(() => fitProgress(2 ** 30, 2 ** 30)).toThrow(
      'fitProgress: nEpoch·stepsPerEpoch must be at most 2^53 − 1, got 1073741824·1073741824',
    );
  });
});

describe('onProgress', () => {
  it('evaluates a schedule of pos at the steps', () => {
    const f = onProgress((pos) => 10 * pos, linearProgress(5));
    expect([0, 1, 5, 6].map(f)).toEqual([0, 2, 10, 10]);
  });
});
