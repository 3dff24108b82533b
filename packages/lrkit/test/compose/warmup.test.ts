import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ParameterError,
  constant,
  cosine,
  exponential,
  warmup,
  type Schedule,
  type WarmupOptions,
} from '../../src/index.js';
import { close, expectSeriesClose } from '../helpers/tolerance.js';
import { expectThrows } from '../helpers/errors.js';

describe('warmup', () => {
  const table: [label: string, Schedule, WarmupOptions, steps: number[], expected: number[]][] = [
    [
      'constant 0.1 over 10 steps',
      constant(0.1),
      { steps: 10 },
      [0, 2.5, 5, 9, 10, 1e9],
      [0, 0.025, 0.05, 0.09, 0.1, 0.1],
    ],
    // ramps 0.2 → s(0) = 1, then s from its own step 0
    [
      '0.5^t from 0.2 over 4 steps',
      exponential({ initial: 1, rate: 0.5 }),
      { steps: 4, from: 0.2 },
      [0, 2, 3.5, 4, 5, 6, 4.5],
      [0.2, 0.6, 0.9, 1, 0.5, 0.25, Math.SQRT1_2],
    ],
    [
      'cosine over 5 steps',
      cosine({ from: 1, to: 0, period: 10 }),
      { steps: 5 },
      [0, 5, 10, 15, 25],
      [0, 1, 0.5, 0, 1],
    ],
    ['fractional length', constant(1), { steps: 2.5 }, [1.25, 2.4, 2.5, 3], [0.5, 0.96, 1, 1]],
    // a ramp down when `from` is above s(0)
    ['down from 0.5', constant(0.1), { steps: 4, from: 0.5 }, [0, 2, 4], [0.5, 0.3, 0.1]],
  ];
  for (const [label, schedule, options, steps, expected] of table) {
    it(`${label} at ${steps.join(', ')}`, () => {
      const f = warmup(schedule, options);
      expectSeriesClose(
        steps.map((t) => f(t)),
        expected,
        label,
      );
    });
  }

  it('steps 0: the schedule itself', () => {
    const s = exponential({ initial: 1, rate: 0.5 });
    expect(warmup(s, { steps: 0 })).toBe(s);
    expect(warmup(s, { steps: 0, from: 0.3 })).toBe(s);
  });

  it('property: from + (s(0) − from)·t/W before W, s(t − W) after', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 1000, noNaN: true }),
        fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 10, noNaN: true })),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        (initial, rate, W, from, t) => {
          const v = warmup(exponential({ initial, rate }), { steps: W, from })(t);
          const expected =
            t < W ? from * (1 - t / W) + initial * (t / W) : initial * rate ** (t - W);
          const tol = { rel: 1e-10, abs: 1e-12 * Math.max(initial, from) };
          return Number.isFinite(v) && v >= 0 && close(v, expected, tol);
        },
      ),
    );
  });

  const errors: [WarmupOptions, message: string][] = [
    [{ steps: -1 }, 'warmup: steps must be a finite number ≥ 0, got -1'],
    [{ steps: NaN }, 'warmup: steps must be a finite number ≥ 0, got NaN'],
    [{ steps: Infinity }, 'warmup: steps must be a finite number ≥ 0, got Infinity'],
    [{ steps: 10, from: -0.5 }, 'warmup: from must be a finite number ≥ 0, got -0.5'],
    [{ steps: 0, from: NaN }, 'warmup: from must be a finite number ≥ 0, got NaN'],
  ];
  for (const [options, message] of errors) {
    it(`rejects: ${message}`, () => {
      expectThrows(() => warmup(constant(0.1), options), ParameterError, message);
    });
  }
});
